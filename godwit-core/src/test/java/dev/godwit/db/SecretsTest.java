package dev.godwit.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretsTest {

    static final String PW = "s3cr3t-pw";

    @Test
    void masksThePasswordInAUrlsUserInfo() {
        assertThat(Secrets.redactUrl("failed: postgres://app:" + PW + "@db:5432/ledger, retrying"))
                .isEqualTo("failed: postgres://app:***@db:5432/ledger, retrying");
    }

    @Test
    void masksPasswordParametersAnywhere() {
        assertThat(Secrets.redactUrl("jdbc:postgresql://db/x?user=app&password=" + PW + "&sslmode=require"))
                .isEqualTo("jdbc:postgresql://db/x?user=app&password=***&sslmode=require");
        assertThat(Secrets.redactUrl("host=db PASSWORD=" + PW + " dbname=x")).isEqualTo("host=db PASSWORD=*** dbname=x");
        assertThat(Secrets.redactUrl("PGPASSWORD=" + PW)).isEqualTo("PGPASSWORD=***");
    }

    @Test
    void masksAUrlThatAPathNormalisedToOneSlash() {
        assertThat(Secrets.redactUrl("the backup key file /tmp/x/postgres:/app:" + PW + "@db:5432/ledger does not exist"))
                .isEqualTo("the backup key file /tmp/x/postgres:/app:***@db:5432/ledger does not exist");
    }

    @Test
    void findsPasswordInAnyCaseAfterEarlierLookalikes() {
        // The search jumps between the first letter's cases: a 'p' or 'P' that does not start the word comes first.
        assertThat(Secrets.redactUrl("pp Pass pAsSwOrD=" + PW)).isEqualTo("pp Pass pAsSwOrD=***");
        assertThat(Secrets.redactUrl("Pp pPASSWORD = " + PW)).isEqualTo("Pp pPASSWORD = ***");
        assertThat(Secrets.redactUrl("ends with passwor")).isEqualTo("ends with passwor");
        assertThat(Secrets.redactUrl("no such word at all")).isEqualTo("no such word at all");
    }

    @Test
    void leavesUrlsWithoutPasswordsAlone() {
        String text = "postgres://app@[::1]:5432/db and postgres://app@db:5432/x";
        assertThat(Secrets.redactUrl(text)).isEqualTo(text);
        assertThat(Secrets.redactUrl(null)).isNull();
    }

    @Test
    void masksKnownSecretsInAnyTextAndTheirEncodedForm() {
        String pw = "p@ss word";
        assertThat(Secrets.redact("auth failed for p@ss word (p%40ss%20word, p%40ss+word)", List.of(pw)))
                .isEqualTo("auth failed for *** (***, ***)");
        assertThat(Secrets.redact("nothing here", java.util.Arrays.asList(null, ""))).isEqualTo("nothing here");
    }
}
