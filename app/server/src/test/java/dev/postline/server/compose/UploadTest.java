package dev.postline.server.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.server.support.Http;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Uploads: limits, type checks, file names, and that only their owner can use them. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UploadTest implements PostlineTestProperties {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;

    Http http;
    TenantFixture t;
    TenantFixture other;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("postline.outbound.max-attachment-bytes", "3000000");
    }

    @BeforeAll
    void tenants() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, "uploads");
        other = TenantFixture.create(http, "uploads-other");
    }

    @Test
    void anUploadIsStoredAndDescribedAndOnlyItsOwnerSeesIt() {
        byte[] content = new byte[2_500_000];
        new java.util.Random(7).nextBytes(content);
        var created = http.upload("/api/v1/uploads", t.agent(), "data.bin", "application/octet-stream", content);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.map()).containsEntry("fileName", "data.bin").containsEntry("contentType", "application/octet-stream")
                .containsEntry("size", 2_500_000);
        String id = created.string("id");
        assertThat(http.get("/api/v1/uploads/" + id, t.agent()).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/uploads/" + id, t.admin()).status()).as("another user of the tenant").isEqualTo(404);
        assertThat(http.get("/api/v1/uploads/" + id, other.admin()).status()).as("another tenant").isEqualTo(404);
        assertThat(http.delete("/api/v1/uploads/" + id, other.agent()).status()).isEqualTo(404);
        assertThat(http.delete("/api/v1/uploads/" + id, t.agent()).status()).isEqualTo(204);
        assertThat(http.get("/api/v1/uploads/" + id, t.agent()).status()).isEqualTo(404);
    }

    @Test
    void anOversizedFileIsRefusedWith413() {
        var refused = http.upload("/api/v1/uploads", t.agent(), "big.bin", "application/octet-stream", new byte[3_000_001]);
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.body()).contains("3000000 bytes");
    }

    @Test
    void aLargeJsonBodyIsStillRefusedOutsideUploads() {
        String huge = "{\"name\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        assertThat(http.post("/api/v1/ring-groups", t.admin(), huge).status()).isEqualTo(413);
    }

    @Test
    void programsAndScriptsAreRefusedByNameAndByContent() {
        byte[] text = "hello".getBytes(StandardCharsets.US_ASCII);
        for (String name : new String[] {"setup.exe", "run.bat", "x.CMD", "a.ps1", "b.vbs", "c.js", "d.scr", "e.jar", "f.exe."}) {
            var refused = http.upload("/api/v1/uploads", t.agent(), name, "application/octet-stream", text);
            assertThat(refused.status()).as(name).isEqualTo(400);
            assertThat(refused.body()).as(name).contains("programs and scripts");
        }
        byte[] pe = "MZ\u0090\u0000rest of a windows program".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(http.upload("/api/v1/uploads", t.agent(), "invoice.pdf.txt", "text/plain", pe).status()).isEqualTo(400);
        byte[] elf = {0x7f, 'E', 'L', 'F', 2, 1, 1};
        assertThat(http.upload("/api/v1/uploads", t.agent(), "notes.txt", "text/plain", elf).status()).isEqualTo(400);
        byte[] script = "#!/bin/sh\nrm -rf /\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(http.upload("/api/v1/uploads", t.agent(), "readme", "text/plain", script).status()).isEqualTo(400);
    }

    @Test
    void imagesAndPdfsMustBeWhatTheySayTheyAre() {
        assertThat(http.upload("/api/v1/uploads", t.agent(), "photo.png", "image/png", PNG).status()).isEqualTo(201);
        var fake = http.upload("/api/v1/uploads", t.agent(), "photo.png", "image/png", "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(fake.status()).isEqualTo(400);
        assertThat(fake.body()).contains("contentType");
        assertThat(http.upload("/api/v1/uploads", t.agent(), "doc.pdf", "application/pdf", PNG).status()).isEqualTo(400);
        assertThat(http.upload("/api/v1/uploads", t.agent(), "doc.pdf", "application/pdf",
                "%PDF-1.7\n%...".getBytes(StandardCharsets.US_ASCII)).status()).isEqualTo(201);
    }

    @Test
    void aFileNameWithALineBreakIsRefusedNamingTheField() {
        // A raw CR/LF cannot travel in the part header; RFC 2231 encoding carries it.
        var refused = http.uploadWithFileParameter("/api/v1/uploads", t.agent(), "filename*=UTF-8''a%0D%0ABcc%3A%20x.txt", "text/plain",
                "x".getBytes(StandardCharsets.US_ASCII));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.body()).contains("fileName");
        var viaBidi = http.upload("/api/v1/uploads", t.agent(), "invoice\u202Egpj.exe", "text/plain", "x".getBytes(StandardCharsets.US_ASCII));
        assertThat(viaBidi.status()).isEqualTo(400);
        assertThat(viaBidi.body()).contains("fileName");
    }
}
