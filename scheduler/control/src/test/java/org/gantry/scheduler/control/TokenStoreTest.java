package org.gantry.scheduler.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.service.Authentication;
import org.gantry.api.service.Caller;
import org.gantry.api.service.ServiceException;
import org.gantry.api.service.TokenInfo;
import org.gantry.api.service.TokenService;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TenantSpec;
import org.gantry.api.tenant.TokenRequest;
import org.gantry.api.tenant.TokenRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token store on a real RocksDB journal: several tokens per tenant and for the admin, each
 * answering as its role, revocation at once, expiry, another tenant's tokens out of reach, and
 * all of it the same after a restart.
 */
class TokenStoreTest {
    private static final TenantId VISION = TenantId.of("vision");
    private static final TenantId AUDIO = TenantId.of("audio");
    private static final Caller ADMIN = new Caller.Admin();

    @TempDir
    Path dataDir;

    @Test
    void tokensAnswerAsTheirRolesUntilRevokedAndSurviveARestart() {
        String first;
        String reader;
        String admin;
        String revoked;
        String revokedId;
        try (ControlPlaneHarness control = ControlPlaneHarness.start(dataDir)) {
            control.awaitReady();
            first = join(control.services().tenants().create(ADMIN, spec(VISION))).token();
            join(control.services().tenants().create(ADMIN, spec(AUDIO)));
            TokenService tokens = control.services().tokens();
            Caller vision = known(control, first).caller();

            // A tenant's own token issues more for it, without the admin.
            TokenService.IssuedToken ci = join(tokens.issue(vision, VISION,
                    new TokenRequest("ci", Duration.ofDays(30), TokenRole.READER)));
            reader = ci.secret();
            admin = join(tokens.issue(ADMIN, null, new TokenRequest("oncall", null, TokenRole.ADMIN))).secret();
            TokenService.IssuedToken doomed = join(tokens.issue(ADMIN, VISION, new TokenRequest(null, null,
                    TokenRole.TENANT)));
            revoked = doomed.secret();
            revokedId = doomed.info().id();
            assertThat(known(control, revoked).caller()).isEqualTo(new Caller.Tenant(VISION));

            TokenInfo gone = join(tokens.revoke(vision, VISION, revokedId));
            assertThat(gone.revoked()).isNotNull();
            assertThat(refusal(control, revoked)).contains("revoked", revokedId);
            assertThat(ci.info().expires()).isAfter(ci.info().created().plus(Duration.ofDays(29)));
            assertThat(ci.secret()).startsWith("gty_").hasSizeGreaterThanOrEqualTo(43);
        }
        try (ControlPlaneHarness control = ControlPlaneHarness.start(dataDir)) {
            control.awaitReady();
            assertThat(known(control, first).caller()).isEqualTo(new Caller.Tenant(VISION));
            Authentication.Known readOnly = known(control, reader);
            assertThat(readOnly.caller()).isEqualTo(new Caller.Tenant(VISION, true));
            assertThat(readOnly.caller().mayChange()).isFalse();
            assertThat(known(control, admin).caller()).isEqualTo(ADMIN);
            assertThat(known(control, ControlPlaneHarness.ADMIN_TOKEN).tokenId()).isEqualTo("bootstrap");
            assertThat(refusal(control, revoked)).contains("revoked");
            assertThat(refusal(control, "gty_nothing-like-any-token")).contains("no such token");

            List<TokenInfo> listed = join(control.services().tokens().list(ADMIN, VISION));
            assertThat(listed).extracting(TokenInfo::name).containsExactly("initial", "ci", null);
            assertThat(listed.toString()).doesNotContain(first, reader, revoked);
            assertThat(join(control.services().tokens().list(ADMIN, null))).extracting(TokenInfo::name)
                    .containsExactly("oncall");
        }
    }

    @Test
    void anotherTenantsTokensAreOutOfReachAndAReaderChangesNothing() {
        try (ControlPlaneHarness control = ControlPlaneHarness.start(dataDir)) {
            control.awaitReady();
            join(control.services().tenants().create(ADMIN, spec(VISION)));
            String audioToken = join(control.services().tenants().create(ADMIN, spec(AUDIO))).token();
            Caller audio = known(control, audioToken).caller();
            TokenService tokens = control.services().tokens();
            String visionTokenId = join(tokens.list(ADMIN, VISION)).get(0).id();

            assertThatThrownBy(() -> join(tokens.list(audio, VISION))).hasCauseInstanceOf(ServiceException.NotFound.class);
            assertThatThrownBy(() -> join(tokens.revoke(audio, VISION, visionTokenId)))
                    .hasCauseInstanceOf(ServiceException.NotFound.class);
            // Naming its own tenant does not reach another's token either.
            assertThatThrownBy(() -> join(tokens.revoke(audio, AUDIO, visionTokenId)))
                    .hasCauseInstanceOf(ServiceException.NotFound.class);
            assertThatThrownBy(() -> join(tokens.issue(audio, null, new TokenRequest(null, null, TokenRole.ADMIN))))
                    .hasCauseInstanceOf(ServiceException.Forbidden.class);
            assertThatThrownBy(() -> join(tokens.issue(new Caller.Tenant(AUDIO, true), AUDIO,
                    new TokenRequest(null, null, TokenRole.TENANT)))).hasCauseInstanceOf(ServiceException.Forbidden.class);
            assertThatThrownBy(() -> join(tokens.issue(ADMIN, TenantId.of("nobody"),
                    new TokenRequest(null, null, TokenRole.TENANT)))).hasCauseInstanceOf(ServiceException.NotFound.class);
            assertThat(join(tokens.list(ADMIN, VISION))).allMatch(token -> token.revoked() == null);
        }
    }

    private static TenantSpec spec(TenantId tenant) {
        return new TenantSpec(tenant, Map.of(PoolId.DEFAULT, new PoolQuota(1, 2)));
    }

    private static Authentication.Known known(ControlPlaneHarness control, String token) {
        Authentication identity = join(control.services().authenticator().identify(token));
        assertThat(identity).isInstanceOf(Authentication.Known.class);
        return (Authentication.Known) identity;
    }

    private static String refusal(ControlPlaneHarness control, String token) {
        Authentication identity = join(control.services().authenticator().identify(token));
        assertThat(identity).isInstanceOf(Authentication.Refused.class);
        return ((Authentication.Refused) identity).reason();
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
