/** Google Cloud logs: VPC flow logs as Cloud Logging entries. */
package dev.minewarden.ingest.gcp;
