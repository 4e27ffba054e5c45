/**
 * Zeek logs ({@code conn}, {@code dns}, {@code ssh}, {@code http}, {@code ssl} and any other path) in
 * Zeek's tab-separated format with its {@code #fields}/{@code #types} header, and as JSON lines.
 */
package dev.minewarden.ingest.zeek;
