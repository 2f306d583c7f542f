/**
 * Gantry's contracts: the records every other module speaks in (jobs, tenants, pools, nodes),
 * their validation, and their JSON form. The JSON shapes of a job and a tenant are fixed by
 * the design's "Interfaces that stay stable": scripts and users depend on them.
 *
 * <p>Depends on nothing internal and on no Pekko (the build enforces it). The agent protocol
 * is in {@code job-api/protocol}; the REST routes, services and client in {@code job-api/http}.
 */
package org.gantry.api;
