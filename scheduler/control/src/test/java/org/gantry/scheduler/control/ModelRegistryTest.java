package org.gantry.scheduler.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.assertj.core.groups.Tuple;
import org.gantry.api.job.JobId;
import org.gantry.api.model.ModelVersion;
import org.gantry.api.protocol.models.ModelCommand;
import org.gantry.api.protocol.models.ModelReply;
import org.gantry.api.service.Caller;
import org.gantry.api.service.ModelService;
import org.gantry.api.service.ServiceException;
import org.gantry.api.tenant.TenantId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model registry on a real control plane and RocksDB: versions count up per tenant and name,
 * a repeated registration of one training attempt adds nothing, a tenant sees only its own
 * models, and all of it is there after a restart.
 */
class ModelRegistryTest {
    private static final TenantId TEAM = TenantId.of("team");
    private static final TenantId LAB = TenantId.of("lab");
    private static final Caller ADMIN = new Caller.Admin();

    @TempDir
    Path dataDir;

    @Test
    void versionsCountUpOncePerAttemptAndSurviveARestart() {
        try (ControlPlaneHarness control = ControlPlaneHarness.start(dataDir)) {
            control.awaitReady();
            assertThat(register(control, TEAM, "houses", "j-1", 1, 2.5).version()).isEqualTo(1);
            assertThat(register(control, TEAM, "houses", "j-2", 1, 1.5).version()).isEqualTo(2);
            assertThat(register(control, TEAM, "houses", "j-2", 1, 1.5).version()).as("the same attempt again").isEqualTo(2);
            assertThat(register(control, TEAM, "houses", "j-2", 2, 1.2).version()).as("its next attempt").isEqualTo(3);
            assertThat(register(control, LAB, "houses", "j-3", 1, 9.0).version()).as("another tenant's own count")
                    .isEqualTo(1);
            assertThat(register(control, TEAM, "cars", "j-4", 1, 3.0).version()).isEqualTo(1);
        }
        try (ControlPlaneHarness control = ControlPlaneHarness.start(dataDir)) {
            control.awaitReady();
            ModelService models = control.services().models();
            Caller team = new Caller.Tenant(TEAM);

            ModelVersion newest = join(models.model(team, null, "houses", null));
            assertThat(newest.version()).isEqualTo(3);
            assertThat(newest.job().value()).isEqualTo("j-2");
            assertThat(newest.metrics().validationMae()).isEqualTo(1.2);
            assertThat(newest.features()).containsExactly("rooms", "area");
            assertThat(join(models.model(team, null, "houses", 1)).metrics().validationMae()).isEqualTo(2.5);
            assertThat(join(models.versions(team, null, "houses"))).extracting(ModelVersion::version)
                    .containsExactly(3, 2, 1);
            assertThat(join(models.models(team, null))).extracting(ModelVersion::name, ModelVersion::version)
                    .containsExactly(Tuple.tuple("cars", 1),
                            Tuple.tuple("houses", 3));
            assertThat(join(models.models(ADMIN, null))).hasSize(3);
            assertThat(join(models.model(ADMIN, LAB, "houses", null)).metrics().validationMae()).isEqualTo(9.0);

            assertThat(failure(() -> join(models.model(new Caller.Tenant(LAB), null, "cars", null))))
                    .isInstanceOf(ServiceException.NotFound.class).hasMessage("no model 'cars'");
            assertThat(failure(() -> join(models.model(team, null, "houses", 7))))
                    .isInstanceOf(ServiceException.NotFound.class).hasMessageContaining("has no version 7");
            assertThat(failure(() -> join(models.model(ADMIN, null, "houses", null))))
                    .isInstanceOf(ServiceException.Invalid.class).hasMessageContaining("?tenant=");

            assertThat(resolve(control, TEAM, "houses", null)).isEqualTo(new ModelReply.Found(3, new JobId("j-2"),
                    "model-a2"));
            assertThat(resolve(control, TEAM, "houses", 1)).isEqualTo(new ModelReply.Found(1, new JobId("j-1"),
                    "model-a1"));
            assertThat(resolve(control, TEAM, "houses", 9)).isInstanceOf(ModelReply.Refused.class);
            assertThat(resolve(control, LAB, "cars", null)).isInstanceOf(ModelReply.Refused.class);
        }
    }

    private static ModelReply.Registered register(ControlPlaneHarness control, TenantId tenant, String name, String job,
                                                  int attempt, double mae) {
        return (ModelReply.Registered) AskPattern.<ModelCommand, ModelReply>ask(control.plane.modelRegistry(),
                        replyTo -> new ModelCommand.Register(tenant, name, new JobId(job), attempt, "model-a" + attempt,
                                "price", List.of("rooms", "area"), mae, mae * mae, replyTo),
                        Duration.ofSeconds(10), control.system.scheduler())
                .toCompletableFuture().join();
    }

    private static ModelReply resolve(ControlPlaneHarness control, TenantId tenant, String name, Integer version) {
        return AskPattern.<ModelCommand, ModelReply>ask(control.plane.modelRegistry(),
                        replyTo -> new ModelCommand.Resolve(tenant, name, version, replyTo),
                        Duration.ofSeconds(10), control.system.scheduler())
                .toCompletableFuture().join();
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    private static Throwable failure(Runnable call) {
        try {
            call.run();
        } catch (CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure");
    }
}
