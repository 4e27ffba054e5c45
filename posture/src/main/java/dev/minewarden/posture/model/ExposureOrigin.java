package dev.minewarden.posture.model;

/** Where an open port was seen, which decides the shape of its remediation. */
public enum ExposureOrigin {
  /** An AWS security group rule from a CLI export. */
  AWS_SECURITY_GROUP,
  /** A security group rule planned by Terraform. */
  TERRAFORM,
  /** A Kubernetes Service of type LoadBalancer or NodePort. */
  KUBERNETES_SERVICE,
  /** A listening socket on the local host. */
  HOST_LISTENER
}
