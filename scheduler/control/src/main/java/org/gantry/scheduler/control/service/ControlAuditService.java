package org.gantry.scheduler.control.service;

import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import org.gantry.api.service.AuditEntry;
import org.gantry.api.service.AuditQuery;
import org.gantry.api.service.AuditService;
import org.gantry.api.service.Caller;
import org.gantry.api.service.ServiceException;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TokenRole;
import org.gantry.storage.audit.AuditRow;
import org.gantry.storage.audit.AuditTable;

/** The audit log over its RocksDB table: writes are durable commits, reads run off the actors' threads. */
final class ControlAuditService implements AuditService {
    private final AuditTable table;
    private final Executor blocking;

    ControlAuditService(AuditTable table, Executor blocking) {
        this.table = table;
        this.blocking = blocking;
    }

    @Override
    public CompletionStage<Void> record(AuditEntry entry) {
        return table.append(new AuditRow(entry.at().toEpochMilli(), entry.tokenId(), entry.role().label(),
                entry.tenant() == null ? "" : entry.tenant().value(), entry.method(), entry.route(), entry.target(),
                entry.status()));
    }

    @Override
    public CompletionStage<AuditPage> read(Caller caller, AuditQuery query) {
        if (!(caller instanceof Caller.Admin)) {
            return CompletableFuture.failedFuture(new ServiceException.Forbidden("only the admin token may read "
                    + "the audit log"));
        }
        byte[] after;
        try {
            after = cursor(query.cursor());
        } catch (ServiceException.Invalid e) {
            return CompletableFuture.failedFuture(e);
        }
        long from = query.from() == null ? 0 : query.from().toEpochMilli();
        long to = query.to() == null ? Long.MAX_VALUE : query.to().toEpochMilli();
        Predicate<AuditRow> filter = query.tenant() == null ? row -> true
                : row -> row.tenant().equals(query.tenant().value());
        return CompletableFuture.supplyAsync(() -> {
            AuditTable.Slice slice = table.newestFirst(from, to, filter, after, query.limit());
            return new AuditPage(slice.rows().stream().map(ControlAuditService::entry).toList(),
                    slice.next() == null ? null : Base64.getUrlEncoder().withoutPadding().encodeToString(slice.next()));
        }, blocking);
    }

    private static byte[] cursor(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new ServiceException.Invalid("cursor must be the nextCursor of a previous page of the audit log");
        }
    }

    private static AuditEntry entry(AuditRow row) {
        return new AuditEntry(Instant.ofEpochMilli(row.atMillis()), row.tokenId(), TokenRole.of(row.role()),
                row.tenant().isEmpty() ? null : TenantId.of(row.tenant()), row.method(), row.route(), row.target(),
                row.status());
    }
}
