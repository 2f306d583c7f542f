package org.gantry.scheduler.control.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.typesafe.config.ConfigFactory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TenantSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The directory's fold over its events, old and new: a tenant's single token from before tokens
 * had ids keeps working after an upgrade, whether replayed from its event or read from an old
 * snapshot, and new events and snapshots read back as written.
 */
class TenantsTest {
    private static final TenantSpec VISION = new TenantSpec(TenantId.of("vision"),
            Map.of(PoolId.DEFAULT, new PoolQuota(4, 8)));
    private static final String OLD_HASH = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final Instant AT = Instant.parse("2026-02-01T00:00:00Z");
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());
    private static ActorTestKit testKit;
    private static Serialization serialization;

    @BeforeAll
    static void startSystem() {
        testKit = ActorTestKit.create(ConfigFactory.load());
        serialization = SerializationExtension.get(testKit.system().classicSystem());
    }

    @AfterAll
    static void stopSystem() {
        testKit.shutdownTestKit();
    }

    @Test
    void aTenantsOldSingleTokenBecomesItsInitialToken() {
        Tenants replayed = Tenants.EMPTY.apply(new TenantEvent.TenantCreated(VISION, OLD_HASH));

        TokenRecord token = replayed.token(OLD_HASH);
        assertThat(token.tenant()).isEqualTo("vision");
        assertThat(token.name()).isEqualTo(TokenRecord.INITIAL);
        assertThat(token.role()).isEqualTo("tenant");
        assertThat(token.id()).isEqualTo("tk_0123456789ab").doesNotContain(OLD_HASH);
        assertThat(replayed.tokensOf("vision")).containsExactly(token);
    }

    @Test
    void issuedAndRevokedTokensFoldPerHolder() {
        Tenants state = fold(
                new TenantEvent.TenantCreated(VISION, null),
                new TenantEvent.TokenIssued("tk_a", "ha", "vision", "initial", "tenant", AT, null),
                new TenantEvent.TokenIssued("tk_b", "hb", null, "oncall", "admin", AT.plusSeconds(1), AT.plusSeconds(60)),
                new TenantEvent.TokenIssued("tk_c", "hc", "vision", "ci", "reader", AT.plusSeconds(2), null),
                new TenantEvent.TokenRevoked("tk_c", AT.plusSeconds(3)),
                new TenantEvent.TokenRevoked("tk_c", AT.plusSeconds(9)));

        assertThat(state.tokensOf("vision")).extracting(TokenRecord::id).containsExactly("tk_a", "tk_c");
        assertThat(state.tokensOf(null)).extracting(TokenRecord::id).containsExactly("tk_b");
        assertThat(state.token("hc").revoked()).as("the first revocation stands").isEqualTo(AT.plusSeconds(3));
        assertThat(state.token("vision", "tk_b")).as("an admin token is not the tenant's").isNull();
    }

    @Test
    void aSnapshotOfTheOldShapeReadsAsItsEventsReplay() throws Exception {
        Tenants current = Tenants.EMPTY.apply(new TenantEvent.TenantCreated(VISION, OLD_HASH));
        Serializer serializer = serialization.findSerializerFor(current);
        String manifest = Serializers.manifestFor(serializer, current);
        assertThat(manifest).endsWith("Tenants#2");
        assertThat(serialization.deserialize(serializer.toBinary(current), serializer.identifier(), manifest).get())
                .isEqualTo(current);

        // Version 1, as older builds wrote it: one token hash per tenant, no version in the manifest.
        ObjectNode v1 = (ObjectNode) CBOR.readTree(serializer.toBinary(current));
        v1.remove("tokens");
        v1.putObject("tenantByTokenHash").put(OLD_HASH, "vision");
        Object read = serialization.deserialize(CBOR.writeValueAsBytes(v1), serializer.identifier(),
                manifest.substring(0, manifest.indexOf('#'))).get();
        assertThat(read).isEqualTo(current);
    }

    @Test
    void newEventsReadBackAsWritten() {
        for (TenantEvent event : List.of(
                new TenantEvent.TokenIssued("tk_a", "ha", "vision", "ci", "reader", AT, AT.plusSeconds(60)),
                new TenantEvent.TokenIssued("tk_b", "hb", null, null, "admin", AT, null),
                new TenantEvent.TokenRevoked("tk_a", AT))) {
            Serializer serializer = serialization.findSerializerFor(event);
            assertThat(serialization.deserialize(serializer.toBinary(event), serializer.identifier(),
                    Serializers.manifestFor(serializer, event)).get()).isEqualTo(event);
        }
    }

    private static Tenants fold(TenantEvent... events) {
        Tenants state = Tenants.EMPTY;
        for (TenantEvent event : events) {
            state = state.apply(event);
        }
        return state;
    }
}
