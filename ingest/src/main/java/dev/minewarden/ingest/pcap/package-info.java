/**
 * Packet captures as a hunt input: classic pcap and pcapng readers, a link/IP/transport decoder,
 * bounded TCP reassembly, content-based detection of cryptocurrency mining protocols, and DNS.
 * The entry point is {@link dev.minewarden.ingest.pcap.PcapFormat}; everything else is
 * package-private.
 */
package dev.minewarden.ingest.pcap;
