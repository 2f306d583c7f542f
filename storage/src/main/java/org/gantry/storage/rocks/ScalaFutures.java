package org.gantry.storage.rocks;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import scala.concurrent.Future;
import scala.concurrent.Promise;

/** Java completion stages as the Scala futures Pekko's plugin APIs return. */
public final class ScalaFutures {

    private ScalaFutures() {}

    /**
     * Like {@code FutureConverters.asScala}, but a failure arrives as its real cause rather than
     * wrapped in a {@link CompletionException}: it is what Pekko logs when a persist fails.
     */
    public static <T> Future<T> of(CompletionStage<T> stage) {
        Promise<T> promise = Promise.apply();
        stage.whenComplete((value, failure) -> {
            if (failure == null) {
                promise.success(value);
            } else {
                promise.failure(failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
            }
        });
        return promise.future();
    }
}
