/**
 * AWS logs: VPC Flow Logs (default and custom formats), Route 53 Resolver query logs and
 * CloudTrail (S3 files, EventBridge envelopes, one record per line).
 */
package dev.minewarden.ingest.aws;
