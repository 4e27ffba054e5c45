package dev.minewarden.posture.model;

import java.util.List;

/**
 * A route table, reduced to what public reachability needs.
 *
 * @param id the route table id
 * @param vpcId its VPC
 * @param subnetIds explicitly associated subnets
 * @param main true when it is the VPC's main table (used by subnets without an association)
 * @param toInternetGateway true when a default route ({@code 0.0.0.0/0} or {@code ::/0}) goes to
 *     an internet gateway ({@code igw-...})
 */
public record RouteTable(
    String id, String vpcId, List<String> subnetIds, boolean main, boolean toInternetGateway) {

  /** Copies the list. */
  public RouteTable {
    subnetIds = List.copyOf(subnetIds);
  }
}
