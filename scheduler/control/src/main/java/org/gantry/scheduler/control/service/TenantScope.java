package org.gantry.scheduler.control.service;

import org.gantry.api.service.Caller;
import org.gantry.api.service.ServiceException;
import org.gantry.api.tenant.TenantId;

/**
 * Whose tenant-owned thing (a model, a dataset) a request means: a tenant's token implies its own,
 * the admin names one with {@code ?tenant=}. A tenant naming another is refused at the route (403);
 * here a tenant's own always wins, so another tenant's things are never even found.
 */
final class TenantScope {
    private TenantScope() {}

    /** The owner of one named thing; {@code what} ("models") words the admin's error. */
    static TenantId owner(Caller caller, TenantId named, String what) {
        if (caller instanceof Caller.Tenant t) {
            return t.tenant();
        }
        if (named == null) {
            throw new ServiceException.Invalid(what + " belong to tenants: name one with ?tenant=NAME");
        }
        return named;
    }

    /** Whose things a listing shows: the named tenant's, the token's own, or everyone's (the admin naming none). */
    static TenantId listing(Caller caller, TenantId named) {
        return named != null ? named : caller instanceof Caller.Tenant t ? t.tenant() : null;
    }
}
