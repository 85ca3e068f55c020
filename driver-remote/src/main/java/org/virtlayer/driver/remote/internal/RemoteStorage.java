package org.virtlayer.driver.remote.internal;

import static org.virtlayer.driver.remote.internal.NodeLink.args;
import static org.virtlayer.remote.protocol.RemoteMethod.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.StoragePoolBuildFlag;
import org.virtlayer.api.StoragePoolDeleteFlag;
import org.virtlayer.api.StoragePoolInfo;
import org.virtlayer.api.StoragePoolListFlag;
import org.virtlayer.api.StorageVolumeCreateFlag;
import org.virtlayer.api.StorageVolumeInfo;
import org.virtlayer.api.StorageVolumeResizeFlag;
import org.virtlayer.api.VirtException;
import org.virtlayer.remote.protocol.RemoteMethod;
import org.virtlayer.remote.protocol.SessionInfo;
import org.virtlayer.remote.protocol.WireLimits;
import org.virtlayer.spi.PoolRef;
import org.virtlayer.spi.PoolSummary;
import org.virtlayer.spi.StorageService;
import org.virtlayer.spi.VolumeRef;

/**
 * The remote node's pools and volumes. Volume content streams through its own connection (chunked both ways), never
 * held in memory whole and never blocking the connection's other calls.
 */
final class RemoteStorage implements StorageService {
    private final NodeLink link;

    RemoteStorage(NodeLink link) {
        this.link = link;
    }

    @Override
    public List<PoolSummary> listPools(Set<StoragePoolListFlag> flags) {
        return link.call(POOL_LIST, args("flags", flags), Types.listOf(PoolSummary.class));
    }

    @Override
    public PoolRef lookupPoolByName(String name) {
        return link.call(POOL_LOOKUP_BY_NAME, args("name", name), PoolRef.class);
    }

    @Override
    public PoolRef lookupPoolByUuid(UUID uuid) {
        return link.call(POOL_LOOKUP_BY_UUID, args("uuid", uuid), PoolRef.class);
    }

    @Override
    public PoolSummary poolSummary(PoolRef p) {
        return link.call(POOL_SUMMARY, args("pool", p), PoolSummary.class);
    }

    @Override
    public PoolRef definePool(String xml) {
        return link.call(POOL_DEFINE, args("xml", xml), PoolRef.class);
    }

    @Override
    public PoolRef createPool(String xml, Set<StoragePoolBuildFlag> flags) {
        return link.call(POOL_CREATE, args("xml", xml, "flags", flags), PoolRef.class);
    }

    @Override
    public void buildPool(PoolRef p, Set<StoragePoolBuildFlag> flags) {
        link.call(POOL_BUILD, args("pool", p, "flags", flags), (Class<?>) null);
    }

    @Override
    public void startPool(PoolRef p) {
        link.call(POOL_START, args("pool", p), (Class<?>) null);
    }

    @Override
    public void destroyPool(PoolRef p) {
        link.call(POOL_DESTROY, args("pool", p), (Class<?>) null);
    }

    @Override
    public void deletePool(PoolRef p, Set<StoragePoolDeleteFlag> flags) {
        link.call(POOL_DELETE, args("pool", p, "flags", flags), (Class<?>) null);
    }

    @Override
    public void undefinePool(PoolRef p) {
        link.call(POOL_UNDEFINE, args("pool", p), (Class<?>) null);
    }

    @Override
    public void refreshPool(PoolRef p) {
        link.call(POOL_REFRESH, args("pool", p), (Class<?>) null);
    }

    @Override
    public StoragePoolInfo poolInfo(PoolRef p) {
        return link.call(POOL_INFO, args("pool", p), StoragePoolInfo.class);
    }

    @Override
    public String poolXml(PoolRef p, boolean inactive) {
        return link.call(POOL_XML, args("pool", p, "inactive", inactive), String.class);
    }

    @Override
    public void setPoolAutostart(PoolRef p, boolean autostart) {
        link.call(POOL_SET_AUTOSTART, args("pool", p, "autostart", autostart), (Class<?>) null);
    }

    @Override
    public List<VolumeRef> listVolumes(PoolRef p) {
        return link.call(POOL_LIST_VOLUMES, args("pool", p), Types.listOf(VolumeRef.class));
    }

    @Override
    public VolumeRef lookupVolumeByName(PoolRef p, String name) {
        return link.call(VOLUME_LOOKUP_BY_NAME, args("pool", p, "name", name), VolumeRef.class);
    }

    /** The SPI says "null when no pool holds it"; the node says NO_STORAGE_VOL. */
    @Override
    public VolumeRef lookupVolumeByPath(String path) {
        return orNull(() -> link.call(VOLUME_LOOKUP_BY_PATH, args("path", path), VolumeRef.class));
    }

    @Override
    public VolumeRef lookupVolumeByKey(String key) {
        return orNull(() -> link.call(VOLUME_LOOKUP_BY_KEY, args("key", key), VolumeRef.class));
    }

    private static VolumeRef orNull(java.util.function.Supplier<VolumeRef> s) {
        try {
            return s.get();
        } catch (VirtException e) {
            if (e.code() == ErrorCode.NO_STORAGE_VOL) {
                return null;
            }
            throw e;
        }
    }

    @Override
    public VolumeRef createVolume(PoolRef p, String xml, Set<StorageVolumeCreateFlag> flags) {
        return link.call(VOLUME_CREATE, args("pool", p, "xml", xml, "flags", flags), VolumeRef.class);
    }

    @Override
    public VolumeRef createVolumeFrom(PoolRef p, String xml, VolumeRef source, Set<StorageVolumeCreateFlag> flags) {
        return link.call(VOLUME_CREATE_FROM, args("pool", p, "xml", xml, "source", source, "flags", flags),
                VolumeRef.class);
    }

    @Override
    public void deleteVolume(VolumeRef v) {
        link.call(VOLUME_DELETE, args("volume", v), (Class<?>) null);
    }

    @Override
    public void wipeVolume(VolumeRef v) {
        link.call(VOLUME_WIPE, args("volume", v), (Class<?>) null);
    }

    @Override
    public void resizeVolume(VolumeRef v, long capacity, Set<StorageVolumeResizeFlag> flags) {
        link.call(VOLUME_RESIZE, args("volume", v, "capacity", capacity, "flags", flags), (Class<?>) null);
    }

    @Override
    public StorageVolumeInfo volumeInfo(VolumeRef v) {
        return link.call(VOLUME_INFO, args("volume", v), StorageVolumeInfo.class);
    }

    @Override
    public String volumeXml(VolumeRef v) {
        return link.call(VOLUME_XML, args("volume", v), String.class);
    }

    @Override
    public String volumePath(VolumeRef v) {
        return link.call(VOLUME_PATH, args("volume", v), String.class);
    }

    private String transferPath(RemoteMethod m, VolumeRef v, long offset, long length) {
        SessionInfo s = link.usable(m);
        return "/v1/sessions/" + s.session() + "/" + m.wireName() + "?pool=" + enc(v.pool()) + "&name="
                + enc(v.name()) + "&offset=" + offset + "&length=" + length;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The caller's stream failed, not the network: the link stays up. */
    private static final class SourceFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SourceFailed(IOException cause) {
            super(cause);
        }
    }

    private static int readSource(InputStream source, byte[] buf, int len) {
        try {
            return source.read(buf, 0, len);
        } catch (IOException e) {
            throw new SourceFailed(e);
        }
    }

    @Override
    public void uploadVolume(VolumeRef v, InputStream source, long offset, long length) {
        String path = transferPath(VOLUME_UPLOAD, v, offset, length);
        HttpsClient.Reply r;
        try {
            r = link.http().upload(path, out -> {
                byte[] buf = new byte[64 * 1024];
                long left = length > 0 ? length : Long.MAX_VALUE;
                int n;
                while (left > 0 && (n = readSource(source, buf, (int) Math.min(buf.length, left))) > 0) {
                    out.write(buf, 0, n);
                    left -= n;
                }
            });
        } catch (SourceFailed e) {
            throw new VirtException(ErrorCode.READ_FAILED, "failed to read: the upload's source failed: "
                    + e.getCause());
        } catch (IOException e) {
            throw link.lost(VOLUME_UPLOAD, e);
        }
        if (r.status() != 200) {
            throw link.error(r);
        }
    }

    @Override
    public void downloadVolume(VolumeRef v, OutputStream sink, long offset, long length) {
        String path = transferPath(VOLUME_DOWNLOAD, v, offset, length);
        try (HttpsClient.Streamed st = link.http().stream("GET", path, 0)) {
            if (st.status() != 200) {
                byte[] body;
                try (InputStream b = st.body(WireLimits.MAX_REPLY_BYTES)) {
                    body = b.readAllBytes();
                }
                throw link.error(new HttpsClient.Reply(st.status(), body));
            }
            try (InputStream b = st.body(-1)) {
                byte[] buf = new byte[64 * 1024];
                int n;
                while ((n = b.read(buf)) > 0) {
                    try {
                        sink.write(buf, 0, n);
                    } catch (IOException e) {
                        throw new VirtException(ErrorCode.WRITE_FAILED, "failed to write: the download's sink failed: "
                                + e);
                    }
                }
            }
        } catch (IOException e) {
            throw link.lost(VOLUME_DOWNLOAD, e);
        }
    }
}
