/** Kubernetes API server audit logs. */
package dev.minewarden.ingest.k8s;
