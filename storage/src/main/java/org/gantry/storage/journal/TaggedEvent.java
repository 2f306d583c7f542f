package org.gantry.storage.journal;

import org.apache.pekko.persistence.PersistentRepr;

/** An event found through the tag index, with its global ordering (the query offset). */
public record TaggedEvent(long ordering, PersistentRepr event) {}
