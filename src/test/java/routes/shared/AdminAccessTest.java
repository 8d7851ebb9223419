package routes.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdminAccessTest {
    @Test
    void switchedOffWithoutAToken() {
        assertThatThrownBy(() -> new AdminAccess("").authorize("Bearer x")).isInstanceOf(AdminAccess.Denied.class)
                .hasMessageContaining("switched off");
    }

    @Test
    void needsTheExactTokenAndNeverEchoesIt() {
        assertThatThrownBy(() -> new AdminAccess("s3cret").authorize("Bearer wrong"))
                .isInstanceOf(AdminAccess.Denied.class).hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> new AdminAccess("s3cret").authorize(null)).isInstanceOf(AdminAccess.Denied.class);
        assertThatCode(() -> new AdminAccess("s3cret").authorize("Bearer s3cret")).doesNotThrowAnyException();
    }
}
