package routes.review;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KintoErrorTest {
    @Test
    void kintosWording() {
        assertThat(KintoError.invalidAnswer("Required").body()).isEqualTo("{\"code\":400,\"errno\":107,\"error\":\"Invalid parameters\","
                + "\"message\":\"answer in body: Required\",\"details\":[{\"location\":\"body\",\"name\":\"answer\",\"description\":\"Required\"}]}");
        ReviewAnswers answers = new ReviewAnswers();
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(KintoError.class, () -> answers.parseAnswer("{\"answer\":\"X\"}")).getMessage())
                .isEqualTo("answer in body: \"X\" is not one of FAIL, SUCCEED");
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(KintoError.class, () -> answers.parseAnswer("{\"answer\":null}")).getMessage())
                .isEqualTo("answer in body: Required");
        assertThat(answers.parseAnswer("{\"answer\":\"FAIL\",\"other\":1}")).isEqualTo("FAIL");
        assertThat(KintoError.gone("closed").code()).isEqualTo(410);
    }
}
