package org.gantry.storage.objects;

import java.time.Instant;

/**
 * What the manifest says about a stored object.
 *
 * @param sha256 hex digest of the whole object, checked when it is read to the end
 * @param uploadId the chunks' key prefix; a new upload of the same name gets a new one, so
 *     the old chunks stay readable until the new manifest replaces the old
 */
public record ObjectInfo(ObjectKey key, long size, int chunkSize, long chunkCount, String sha256,
        Instant createdAt, long uploadId) {}
