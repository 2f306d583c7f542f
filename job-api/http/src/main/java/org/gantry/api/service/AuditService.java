package org.gantry.api.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** The audit log: admin and destructive actions, kept durably; read by the admin only. */
public interface AuditService {

    /** Keeps the entry; the stage completes once it is durable. */
    CompletionStage<Void> record(AuditEntry entry);

    /** A page of entries, newest first. Only the admin may read the log. */
    CompletionStage<AuditPage> read(Caller caller, AuditQuery query);

    /** @param nextCursor where the next (older) page starts; null on the last page */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AuditPage(List<AuditEntry> entries, String nextCursor) {
        public AuditPage {
            entries = List.copyOf(entries);
        }
    }
}
