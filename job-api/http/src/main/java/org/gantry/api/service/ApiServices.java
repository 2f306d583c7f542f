package org.gantry.api.service;

import java.util.Objects;

/**
 * Every service the REST API is built on, in one value: the control plane makes one, tests make
 * one over fakes, and the routes take it whole. Each service has its own type, so a service in
 * the wrong place does not compile.
 */
public record ApiServices(JobService jobs, TenantService tenants, ClusterService cluster, LogService logs,
                          ModelService models, DatasetService datasets, TokenAuthenticator authenticator,
                          TokenService tokens, AuditService audit) {
    public ApiServices {
        Objects.requireNonNull(jobs, "jobs");
        Objects.requireNonNull(tenants, "tenants");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(logs, "logs");
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(datasets, "datasets");
        Objects.requireNonNull(authenticator, "authenticator");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(audit, "audit");
    }
}
