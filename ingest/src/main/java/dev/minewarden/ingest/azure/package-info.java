/** Azure logs: network security group (NSG) flow logs. */
package dev.minewarden.ingest.azure;
