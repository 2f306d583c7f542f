package org.gantry.api.http;

import java.util.function.Function;
import org.apache.pekko.http.javadsl.server.Route;
import org.gantry.api.Names;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.JobId;
import org.gantry.api.tenant.TenantId;

/**
 * Path segments as identities. A segment that is not a valid id cannot name anything that
 * exists, so it is a 404 like any other unknown resource, never a 500 from a constructor.
 */
final class PathIds {
    private PathIds() {}

    static Route job(String segment, Function<JobId, Route> inner) {
        JobId id;
        try {
            id = new JobId(segment);
        } catch (IllegalArgumentException e) {
            return notFound("job", segment);
        }
        return inner.apply(id);
    }

    static Route tenant(String segment, Function<TenantId, Route> inner) {
        return Names.isValid(segment) ? inner.apply(new TenantId(segment)) : notFound("tenant", segment);
    }

    static Route node(String segment, Function<NodeId, Route> inner) {
        return Names.isValid(segment) ? inner.apply(new NodeId(segment)) : notFound("node", segment);
    }

    static Route pool(String segment, Function<PoolId, Route> inner) {
        return Names.isValid(segment) ? inner.apply(new PoolId(segment)) : notFound("pool", segment);
    }

    private static Route notFound(String what, String segment) {
        return Problems.respond(ProblemType.NOT_FOUND, "no " + what + " '" + Problems.clip(segment) + "'");
    }
}
