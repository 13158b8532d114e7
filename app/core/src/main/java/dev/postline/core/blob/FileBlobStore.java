package dev.postline.core.blob;

import dev.postline.core.tenant.TenantId;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** Blobs as files: {@code <data>/blobs/<tenant>/<2 hex>/<sha256>}, written atomically and synced. */
@Singleton
public class FileBlobStore implements BlobStore {

    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");

    private final Path root;

    public FileBlobStore(@Value("${postline.data-dir}") String dataDir) {
        this.root = Path.of(dataDir).toAbsolutePath().resolve("blobs");
    }

    @Override
    public String put(TenantId tenant, byte[] content) {
        return putAll(tenant, List.of(content)).get(0);
    }

    /**
     * All new contents written first, then all forced, then all renamed into place: the disk gets the
     * batch's data in one go and the syncs that follow find little left to do, instead of one
     * write-force-rename round trip per blob.
     */
    @Override
    public List<String> putAll(TenantId tenant, List<byte[]> contents) {
        List<String> keys = new ArrayList<>(contents.size());
        Map<Path, Path> pending = new LinkedHashMap<>(); // temp file -> target
        List<FileChannel> open = new ArrayList<>();
        try {
            try {
                for (byte[] content : contents) {
                    String key = sha256(content);
                    keys.add(key);
                    Path target = path(tenant, key);
                    if (Files.exists(target) || pending.containsValue(target)) {
                        continue;
                    }
                    Files.createDirectories(target.getParent());
                    Path temp = target.resolveSibling(key + "." + UUID.randomUUID() + ".tmp");
                    FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    open.add(channel);
                    pending.put(temp, target);
                    ByteBuffer buffer = ByteBuffer.wrap(content);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                }
                for (FileChannel channel : open) {
                    channel.force(true);
                }
            } finally {
                for (FileChannel channel : open) {
                    channel.close();
                }
            }
            for (Map.Entry<Path, Path> move : pending.entrySet()) {
                Files.move(move.getKey(), move.getValue(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return keys;
        } catch (IOException e) {
            for (Path temp : pending.keySet()) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a leftover temp file is garbage, never a loss
                }
            }
            throw new UncheckedIOException("cannot store blobs", e);
        }
    }

    @Override
    public byte[] get(TenantId tenant, String key) {
        try {
            return Files.readAllBytes(path(tenant, key));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read blob " + key, e);
        }
    }

    private Path path(TenantId tenant, String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not a blob key");
        }
        return root.resolve(tenant.toString()).resolve(key.substring(0, 2)).resolve(key);
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
