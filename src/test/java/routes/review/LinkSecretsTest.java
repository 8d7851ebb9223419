package routes.review;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LinkSecretsTest {
    @Test
    void secretsAre256RandomBitsAndOnlyTheirHashIsKept() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String secret = LinkSecrets.generate();
            assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(32);
            assertThat(secret).matches("[A-Za-z0-9_-]{43}");
            assertThat(seen.add(secret)).isTrue();
        }
        String secret = LinkSecrets.generate();
        String hash = LinkSecrets.hash(secret);
        assertThat(hash).hasSize(64).doesNotContain(secret);
        assertThat(LinkSecrets.matches(LinkSecrets.hash(secret), hash)).isTrue();
        assertThat(LinkSecrets.matches(LinkSecrets.hash(secret + "x"), hash)).isFalse();
        assertThat(LinkSecrets.matches(null, hash)).isFalse();
        assertThat(LinkSecrets.matches(hash, null)).isFalse();
        assertThat(LinkSecrets.hash("  ")).isNull();
    }
}
