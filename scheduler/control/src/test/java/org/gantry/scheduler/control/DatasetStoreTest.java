package org.gantry.scheduler.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.dataset.DatasetInfo;
import org.gantry.api.job.DjlTrainWorkload;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobSpec;
import org.gantry.api.protocol.objects.DownloadReply;
import org.gantry.api.protocol.objects.ObjectCommand;
import org.gantry.api.protocol.objects.ObjectName;
import org.gantry.api.protocol.objects.ObjectStoreKey;
import org.gantry.api.service.Caller;
import org.gantry.api.service.DatasetService;
import org.gantry.api.service.ServiceException;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TenantSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Datasets on a real control plane (RocksDB under the journal, the object store singleton): an
 * upload streamed in pieces is validated and stored, replaced, listed, refused whole when bad or
 * too big, fetched by an agent's download, checked at submit, deleted, and survives a restart.
 */
class DatasetStoreTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Caller ADMIN = new Caller.Admin();
    private static final TenantId TEAM = TenantId.of("team");
    private static final Caller TEAM_TOKEN = new Caller.Tenant(TEAM);
    private static final Caller OTHER_TOKEN = new Caller.Tenant(TenantId.of("other"));
    private static final String HOUSES = "rooms,area,price\n3,70,210\n4,95,280.5\n2,,150\n";

    @TempDir
    Path dataDir;

    @Test
    void uploadReplaceListRefuseFetchCheckDeleteAndRestart() throws Exception {
        String ownHouses;
        try (ControlPlaneHarness control = ControlPlaneHarness.start(dataDir, "gantry.datasets.max-bytes = 200")) {
            control.awaitReady();
            control.services().tenants().create(ADMIN, new TenantSpec(TEAM,
                    Map.of(PoolId.DEFAULT, new PoolQuota(4, PoolQuota.UNLIMITED)))).toCompletableFuture().join();
            DatasetService datasets = control.services().datasets();

            DatasetService.Stored first = put(control, TEAM_TOKEN, null, "houses", HOUSES);
            assertThat(first.replaced()).isFalse();
            DatasetInfo houses = first.dataset();
            assertThat(houses.columns()).containsExactly("rooms", "area", "price");
            assertThat(houses.rows()).isEqualTo(3);
            assertThat(houses.bytes()).isEqualTo(HOUSES.length());
            assertThat(houses.sha256()).isEqualTo(sha256(HOUSES));
            assertThat(houses.tenant()).isEqualTo("team");

            // Replaced atomically; a bad file afterwards leaves the good one as it was.
            String replacement = HOUSES + "5,120,330\n";
            assertThat(put(control, TEAM_TOKEN, null, "houses", replacement).replaced()).isTrue();
            assertThatThrownBy(() -> put(control, TEAM_TOKEN, null, "houses", "rooms,area,price\n1,2,3\n4,x,6\n"))
                    .hasCauseInstanceOf(ServiceException.Invalid.class)
                    .hasMessageContaining("line 3, column 2 ('area')");
            // Past the cap, with no length announced: counted as it streams, and nothing stored.
            assertThatThrownBy(() -> put(control, TEAM_TOKEN, null, "big", "a,b\n" + "1,2\n".repeat(60)))
                    .hasCauseInstanceOf(ServiceException.TooLarge.class);
            assertThat(datasets.datasets(TEAM_TOKEN, null).toCompletableFuture().join())
                    .extracting(DatasetInfo::name, DatasetInfo::rows).containsExactly(org.assertj.core.groups.Tuple.tuple("houses", 4L));
            assertThat(download(control, "houses")).isEqualTo(replacement);

            // Another tenant neither sees nor deletes it; the admin names the tenant.
            assertThatThrownBy(() -> datasets.dataset(OTHER_TOKEN, null, "houses").toCompletableFuture().join())
                    .hasCauseInstanceOf(ServiceException.NotFound.class);
            assertThat(datasets.datasets(OTHER_TOKEN, null).toCompletableFuture().join()).isEmpty();
            assertThat(datasets.dataset(ADMIN, TEAM, "houses").toCompletableFuture().join().rows()).isEqualTo(4);

            // Submits naming a missing dataset or a missing column are refused at the field.
            assertThat(submitProblem(control, "cars", "price")).isEqualTo("$.workload.dataset");
            assertThat(submitProblem(control, "houses", "cost")).isEqualTo("$.workload.target");
            JobId accepted = control.services().jobs().submit(TEAM_TOKEN, train("houses", "price"), Optional.of("k-1"))
                    .toCompletableFuture().join().job().id();

            // While one upload of a name streams, another of it is refused rather than raced.
            java.util.concurrent.CompletableFuture<ByteString> rest = new java.util.concurrent.CompletableFuture<>();
            var slow = datasets.put(TEAM_TOKEN, null, "slow", Source.single(ByteString.fromString("a,b\n"))
                    .concat(Source.completionStage(rest)));
            assertThatThrownBy(() -> put(control, TEAM_TOKEN, null, "slow", "a,b\n1,2\n"))
                    .hasCauseInstanceOf(ServiceException.Conflict.class);
            rest.complete(ByteString.fromString("1,2\n"));
            assertThat(slow.toCompletableFuture().join().dataset().rows()).isEqualTo(1);
            datasets.delete(TEAM_TOKEN, null, "slow").toCompletableFuture().join();

            put(control, TEAM_TOKEN, null, "gone", "x,y\n1,2\n");
            datasets.delete(TEAM_TOKEN, null, "gone").toCompletableFuture().join();
            // A repeat of an accepted submit gets its job back though its dataset has gone since.
            put(control, TEAM_TOKEN, null, "brief", "price,rooms\n1,2\n");
            JobId repeated = control.services().jobs().submit(TEAM_TOKEN, train("brief", "price"), Optional.of("k-2"))
                    .toCompletableFuture().join().job().id();
            datasets.delete(TEAM_TOKEN, null, "brief").toCompletableFuture().join();
            assertThat(control.services().jobs().submit(TEAM_TOKEN, train("brief", "price"), Optional.of("k-2"))
                    .toCompletableFuture().join().job().id()).isEqualTo(repeated).isNotEqualTo(accepted);
            assertThat(submitProblem(control, "brief", "price")).isEqualTo("$.workload.dataset");
            assertThatThrownBy(() -> datasets.delete(TEAM_TOKEN, null, "gone").toCompletableFuture().join())
                    .hasCauseInstanceOf(ServiceException.NotFound.class);
            assertThat(fetch(control, "gone")).isInstanceOf(DownloadReply.NotFound.class);
            ownHouses = replacement;
        }
        try (ControlPlaneHarness restarted = ControlPlaneHarness.start(dataDir)) {
            restarted.awaitReady();
            assertThat(restarted.services().datasets().datasets(TEAM_TOKEN, null).toCompletableFuture().join())
                    .extracting(DatasetInfo::name).containsExactly("houses");
            assertThat(download(restarted, "houses")).isEqualTo(ownHouses);
        }
    }

    /** Sent in small pieces, as a network would deliver it: lines and numbers cut anywhere. */
    private static DatasetService.Stored put(ControlPlaneHarness control, Caller caller, TenantId tenant, String name,
                                             String csv) {
        List<ByteString> pieces = new java.util.ArrayList<>();
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at < bytes.length; at += 7) {
            pieces.add(ByteString.fromArray(bytes, at, Math.min(7, bytes.length - at)));
        }
        return control.services().datasets().put(caller, tenant, name, Source.from(pieces)).toCompletableFuture().join();
    }

    private static String submitProblem(ControlPlaneHarness control, String dataset, String target) {
        try {
            control.services().jobs().submit(TEAM_TOKEN, train(dataset, target), Optional.empty())
                    .toCompletableFuture().join();
            throw new AssertionError("the submit of a job training on " + dataset + "/" + target + " was accepted");
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(ServiceException.Invalid.class);
            return ((ServiceException.Invalid) e.getCause()).errors().get(0).path();
        }
    }

    private static JobSpec train(String dataset, String target) {
        return JobSpec.builder("train", GpuRequest.fixed(1), new DjlTrainWorkload(dataset, null, target, "houses",
                List.of(8), 0.01, 3, 16, 0.2, 1)).tenant(TEAM).build();
    }

    private static DownloadReply fetch(ControlPlaneHarness control, String name) {
        Receptionist.Listing listing = ControlPlaneHarness.await("the object store to register",
                () -> AskPattern.<Receptionist.Command, Receptionist.Listing>ask(control.system.receptionist(),
                        r -> Receptionist.find(ObjectStoreKey.STORE, r), WAIT, control.system.scheduler()),
                found -> !found.getServiceInstances(ObjectStoreKey.STORE).isEmpty(), WAIT);
        ActorRef<ObjectCommand> store = listing.getServiceInstances(ObjectStoreKey.STORE).iterator().next();
        return AskPattern.<ObjectCommand, DownloadReply>ask(store, r -> new ObjectCommand.Download(
                new ObjectName.Dataset(JobId.of("j-1"), TEAM.value(), name), r), WAIT, control.system.scheduler())
                .toCompletableFuture().join();
    }

    private static String download(ControlPlaneHarness control, String name) {
        DownloadReply reply = fetch(control, name);
        assertThat(reply).isInstanceOf(DownloadReply.Ready.class);
        return ((DownloadReply.Ready) reply).source().getSource()
                .runWith(Sink.fold(ByteString.emptyByteString(), ByteString::concat), control.system)
                .toCompletableFuture().join().utf8String();
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
