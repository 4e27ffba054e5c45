package dev.minewarden.posture.model;

/**
 * A subnet from {@code describe-subnets}.
 *
 * @param id the subnet id
 * @param vpcId its VPC
 * @param mapPublicIpOnLaunch whether instances get a public address by default
 */
public record Subnet(String id, String vpcId, boolean mapPublicIpOnLaunch) {}
