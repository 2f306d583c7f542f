package org.gantry.scheduler.control.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.gantry.api.service.Authentication;
import org.gantry.api.service.Caller;
import org.gantry.api.tenant.TenantId;
import org.gantry.scheduler.control.tenant.TokenRecord;
import org.junit.jupiter.api.Test;

/** What a stored token stands for at a time: a caller of its role, or a refusal that says why. */
class TokenStandingTest {
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void aTokenWorksUntilItsExpiryAndNotFromIt() {
        TokenRecord token = new TokenRecord("tk_1", "h", "vision", "ci", "tenant", NOW.minusSeconds(60),
                NOW.plusSeconds(1), null);

        assertThat(TokenStanding.of(token, NOW)).isEqualTo(new Authentication.Known(
                new Caller.Tenant(TenantId.of("vision")), "tk_1"));
        Authentication expired = TokenStanding.of(token, NOW.plusSeconds(1));
        assertThat(expired).isInstanceOf(Authentication.Refused.class);
        assertThat(((Authentication.Refused) expired).reason()).contains("tk_1 expired at " + NOW.plusSeconds(1));
    }

    @Test
    void aRevokedTokenIsRefusedEvenBeforeItsExpiry() {
        TokenRecord token = new TokenRecord("tk_2", "h", null, "oncall", "admin", NOW, NOW.plusSeconds(3600), NOW);

        Authentication revoked = TokenStanding.of(token, NOW.plusSeconds(1));
        assertThat(((Authentication.Refused) revoked).reason()).contains("tk_2 was revoked");
    }

    @Test
    void rolesBecomeCallers() {
        TokenRecord admin = new TokenRecord("tk_3", "h", null, null, "admin", NOW, null, null);
        TokenRecord reader = new TokenRecord("tk_4", "h", "vision", null, "reader", NOW, null, null);

        assertThat(((Authentication.Known) TokenStanding.of(admin, NOW)).caller()).isEqualTo(new Caller.Admin());
        assertThat(((Authentication.Known) TokenStanding.of(reader, NOW)).caller())
                .isEqualTo(new Caller.Tenant(TenantId.of("vision"), true));
        assertThat(TokenStanding.of(null, NOW)).isInstanceOf(Authentication.Refused.class);
    }
}
