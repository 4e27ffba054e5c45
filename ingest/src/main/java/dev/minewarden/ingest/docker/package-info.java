/** Docker daemon events ({@code docker events --format '{{json .}}'}). */
package dev.minewarden.ingest.docker;
