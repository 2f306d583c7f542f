package org.gantry.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.gantry.quota.FairShare.Claim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class FairShareTest {

    /** Claims written as "name:weight:cap" and expected shares as "name:share". */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("equal weights split evenly", 9, "a:1:10 b:1:10 c:1:10", "a:3 b:3 c:3"),
                Arguments.of("equal weights, uneven supply", 10, "a:1:10 b:1:10 c:1:10 d:1:10",
                        "a:2.5 b:2.5 c:2.5 d:2.5"),
                Arguments.of("weights 1:2:3", 12, "a:1:100 b:2:100 c:3:100", "a:2 b:4 c:6"),
                Arguments.of("small cap saturates, the rest is redistributed", 10, "a:1:1 b:1:10 c:1:10",
                        "a:1 b:4.5 c:4.5"),
                Arguments.of("two caps saturate in turn", 12, "a:1:1 b:1:3 c:1:100", "a:1 b:3 c:8"),
                Arguments.of("heavy claim saturates first by cap/weight", 12, "a:1:100 b:3:3", "a:9 b:3"),
                Arguments.of("weighted, both below caps", 8, "a:1:100 b:3:100", "a:2 b:6"),
                Arguments.of("supply above total demand: everyone gets its cap", 100, "a:1:3 b:2:5 c:5:0",
                        "a:3 b:5 c:0"),
                Arguments.of("supply exactly total demand", 8, "a:1:3 b:1:5", "a:3 b:5"),
                Arguments.of("zero supply", 0, "a:1:3 b:2:5", "a:0 b:0"),
                Arguments.of("negative supply counts as zero", -5, "a:1:3 b:2:5", "a:0 b:0"),
                Arguments.of("single claim below its cap", 4, "a:7:10", "a:4"),
                Arguments.of("fractional weights", 6, "a:0.5:100 b:1:100", "a:2 b:4"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void waterFills(String why, long supply, String claims, String expected) {
        Map<String, Claim> parsedClaims = parseClaims(claims);

        Map<String, Double> shares = FairShare.waterFill(supply, parsedClaims);

        Map<String, Double> wanted = parseShares(expected);
        assertThat(shares).containsOnlyKeys(wanted.keySet().toArray(String[]::new));
        wanted.forEach((name, share) -> assertThat(shares.get(name)).as(name).isCloseTo(share, within(1e-9)));
        long totalCaps = parsedClaims.values().stream().mapToLong(Claim::cap).sum();
        double total = shares.values().stream().mapToDouble(Double::doubleValue).sum();
        assertThat(total).isCloseTo((double) Math.min(Math.max(0, supply), totalCaps), within(1e-9));
        shares.forEach((name, share) -> assertThat(share).as(name).isBetween(0.0, (double) parsedClaims.get(name).cap()));
    }

    @Test
    void noClaimsGiveNoShares() {
        assertThat(FairShare.waterFill(10, Map.<String, Claim>of())).isEmpty();
    }

    @ParameterizedTest(name = "weight {0}, cap {1} is rejected")
    @CsvSource({"0, 1", "-1, 1", "NaN, 1", "1, -1"})
    void rejectsBadClaims(double weight, long cap) {
        assertThatThrownBy(() -> new Claim(weight, cap))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("claim needs weight > 0 and cap >= 0");
    }

    private static Map<String, Claim> parseClaims(String text) {
        var claims = new LinkedHashMap<String, Claim>();
        for (String part : text.split(" ")) {
            String[] fields = part.split(":");
            claims.put(fields[0], new Claim(Double.parseDouble(fields[1]), Long.parseLong(fields[2])));
        }
        return claims;
    }

    private static Map<String, Double> parseShares(String text) {
        var shares = new LinkedHashMap<String, Double>();
        for (String part : text.split(" ")) {
            String[] fields = part.split(":");
            shares.put(fields[0], Double.parseDouble(fields[1]));
        }
        return shares;
    }
}
