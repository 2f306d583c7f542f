package org.gantry.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.gantry.api.service.Authentication;
import org.gantry.api.service.Caller;
import org.gantry.api.tenant.TenantId;
import org.junit.jupiter.api.Test;

class CallerRateLimiterTest {
    private static final Authentication.Known VISION =
            new Authentication.Known(new Caller.Tenant(TenantId.of("vision")), "tk_vision1");
    private static final Authentication.Known VISION_CI =
            new Authentication.Known(new Caller.Tenant(TenantId.of("vision")), "tk_vision2");
    private static final Authentication.Known AUDIO =
            new Authentication.Known(new Caller.Tenant(TenantId.of("audio")), "tk_audio1");
    private static final Authentication.Known ADMIN = new Authentication.Known(new Caller.Admin(), "bootstrap");

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final CallerRateLimiter limiter = new CallerRateLimiter(new RateLimit(2, 3), now::get);

    @Test
    void aCallerGetsItsBurstThenWaitsForTheRateAndOthersAreNotHeldUp() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire(VISION)).as("request " + i).isNull();
        }
        // Empty: the next token comes in half a second at 2/s.
        assertThat(limiter.acquire(VISION)).isEqualTo(Duration.ofMillis(500));
        assertThat(limiter.acquire(AUDIO)).as("another tenant has its own bucket").isNull();
        assertThat(limiter.acquire(VISION_CI)).as("so has another token of the same tenant").isNull();

        now.addAndGet(Duration.ofMillis(250).toNanos());
        assertThat(limiter.acquire(VISION)).isEqualTo(Duration.ofMillis(250));
        now.addAndGet(Duration.ofMillis(250).toNanos());
        assertThat(limiter.acquire(VISION)).isNull();
        assertThat(limiter.acquire(VISION)).isNotNull();

        // Idle long enough, the bucket is full again but never holds more than the burst.
        now.addAndGet(Duration.ofMinutes(5).toNanos());
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire(VISION)).isNull();
        }
        assertThat(limiter.acquire(VISION)).isNotNull();
    }

    @Test
    void theAdminsTokensAreNotLimitedAndTheKeyIsTheToken() {
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.acquire(ADMIN)).isNull();
        }
        assertThat(CallerRateLimiter.keyOf(VISION)).isEqualTo("token:tk_vision1");
        assertThat(CallerRateLimiter.keyOf(ADMIN)).isNull();
        assertThat(new CallerRateLimiter(RateLimit.UNLIMITED).acquire(VISION)).isNull();
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUp() {
        assertThat(ProblemHandlers.retryAfter(Duration.ofMillis(1)).value()).isEqualTo("1");
        assertThat(ProblemHandlers.retryAfter(Duration.ofMillis(1500)).value()).isEqualTo("2");
        assertThat(ProblemHandlers.retryAfter(Duration.ofSeconds(3)).value()).isEqualTo("3");
    }
}
