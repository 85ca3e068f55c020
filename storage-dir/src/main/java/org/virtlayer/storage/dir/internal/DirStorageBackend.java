package org.virtlayer.storage.dir.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.virtlayer.spi.DriverContext;
import org.virtlayer.spi.OpenRequest;
import org.virtlayer.spi.StateStore;
import org.virtlayer.spi.StateStores;
import org.virtlayer.spi.StorageBackend;
import org.virtlayer.spi.StorageService;

/**
 * libvirt's {@code dir} storage pools as a backend bundle: the core routes every pool of type {@code dir} here. The
 * pools are the node's and outlive the bundle: definitions, autostart marks and formats are kept in the core's state
 * store (area {@code storage}), and a pool active when the bundle stopped is active again when it comes back.
 * Nothing runs in the background, so stopping the bundle leaves nothing to stop.
 */
@Component(service = StorageBackend.class, property = {
    StorageBackend.NAME + "=storage-dir",
    StorageBackend.POOL_TYPES + "=dir"
})
public final class DirStorageBackend implements StorageBackend {
    /** The state store area of this backend. */
    public static final String AREA = "storage";

    private final DirPools pools;
    private final DirVolumes volumes;

    @Activate
    public DirStorageBackend(@Reference StateStores stores) {
        this(stores.open(AREA), "qemu-img");
    }

    /** For tests and embedders: the pools kept in this store, images handled by this qemu-img. */
    public DirStorageBackend(StateStore store, String qemuImgProgram) {
        ProcessRunner runner = new ProcessRunner();
        QemuImg qemuImg = new QemuImg(qemuImgProgram, runner);
        VolumeInspector inspector = new VolumeInspector(qemuImg);
        pools = new DirPools(new PoolStateFiles(store), new VolumeScan(inspector));
        volumes = new DirVolumes(pools, new VolumeMaker(qemuImg, runner), inspector, qemuImg);
        pools.load();
    }

    @Override
    public StorageService open(OpenRequest request, DriverContext context) {
        return new DirStorageService(pools, volumes, context.events());
    }
}
