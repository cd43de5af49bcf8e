package dev.godwit.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ChecksumsTest {

    private static final String LF = "create table a (id int);\ninsert into a values (1);\n";

    private static String independentSha256(String s) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        StringBuilder hex = new StringBuilder();
        for (byte b : digest) {
            hex.append(String.format("%02x", b & 0xff));
        }
        return hex.toString();
    }

    @Test
    void knownVector() throws Exception {
        String expected = independentSha256("select 1;\n");
        assertThat(Checksums.sha256("select 1;\n")).isEqualTo(expected);
        // Published value, so the helper above is not trusted blindly either.
        assertThat(independentSha256("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Checksums.sha256("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void sixtyFourLowerCaseHexDigits() {
        assertThat(Checksums.sha256("select 1;\n")).matches("[0-9a-f]{64}");
    }

    @Test
    void lineEndingsAndBomDoNotChangeTheChecksum() {
        String expected = Checksums.sha256(LF);
        assertThat(Checksums.sha256(LF.replace("\n", "\r\n"))).isEqualTo(expected);
        assertThat(Checksums.sha256(LF.replace("\n", "\r"))).isEqualTo(expected);
        assertThat(Checksums.sha256("\uFEFF" + LF)).isEqualTo(expected);
        assertThat(Checksums.sha256("\uFEFF" + LF.replace("\n", "\r\n"))).isEqualTo(expected);
        // Mixed endings in one file.
        assertThat(Checksums.sha256("create table a (id int);\r\ninsert into a values (1);\r")).isEqualTo(expected);
    }

    @Test
    void checksumIsOfTheNormalisedUtf8Text() throws Exception {
        assertThat(Checksums.sha256("\uFEFFselect 'é';\r\n")).isEqualTo(independentSha256("select 'é';\n"));
        assertThat(Checksums.sha256("select 'é';\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(independentSha256("select 'é';\n"));
    }

    @Test
    void differentTextDifferentChecksum() {
        assertThat(Checksums.sha256("select 1;\n")).isNotEqualTo(Checksums.sha256("select 2;\n"));
        assertThat(Checksums.sha256("select 1;\n")).isNotEqualTo(Checksums.sha256("select 1;"));
        assertThat(Checksums.sha256("select 1;\n")).isNotEqualTo(Checksums.sha256("select 1; \n"));
        assertThat(Checksums.sha256("a\n\nb")).isNotEqualTo(Checksums.sha256("a\nb"));
        // \r\r\n is two line endings, not one.
        assertThat(Checksums.sha256("a\r\r\nb")).isEqualTo(Checksums.sha256("a\n\nb"));
    }

    @Test
    void normalizeOnlyStripsALeadingBom() {
        assertThat(Checksums.normalize("\uFEFFa\r\nb\rc\n")).isEqualTo("a\nb\nc\n");
        assertThat(Checksums.normalize("a\uFEFFb")).isEqualTo("a\uFEFFb");
        assertThat(Checksums.normalize("\uFEFF\uFEFFa")).isEqualTo("\uFEFFa");
        assertThat(Checksums.normalize("")).isEmpty();
        String once = Checksums.normalize("\uFEFFx\r\n\r");
        assertThat(Checksums.normalize(once)).isEqualTo(once);
    }

    @Test
    void bytesAreHashedAsGiven() throws Exception {
        byte[] crlf = "a\r\n".getBytes(StandardCharsets.UTF_8);
        assertThat(Checksums.sha256(crlf))
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(crlf)))
                .isNotEqualTo(Checksums.sha256("a\r\n"));
    }
}
