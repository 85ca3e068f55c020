package org.virtlayer.driver.remote.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.virtlayer.driver.test.internal.TestDriver;
import org.virtlayer.spi.DriverContext;
import org.virtlayer.spi.HypervisorConnection;
import org.virtlayer.spi.HypervisorDriver;
import org.virtlayer.spi.OpenRequest;

/**
 * The test driver, except that starting a domain waits until the test releases it (a long operation on demand), and
 * that volumes keep uploaded content in memory and give it back on download (the test driver has no content).
 */
final class SlowStartDriver implements HypervisorDriver {
    final CountDownLatch startEntered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private final TestDriver test = new TestDriver();
    final java.util.Map<String, byte[]> content = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public HypervisorConnection open(OpenRequest request, DriverContext context) {
        HypervisorConnection real = test.open(request, context);
        return (HypervisorConnection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HypervisorConnection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("storage")) {
                        return storage(real.storage());
                    }
                    if (method.getName().equals("startDomain")) {
                        startEntered.countDown();
                        release.await(60, TimeUnit.SECONDS);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private org.virtlayer.spi.StorageService storage(org.virtlayer.spi.StorageService real) {
        return (org.virtlayer.spi.StorageService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {org.virtlayer.spi.StorageService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("uploadVolume")) {
                        org.virtlayer.spi.VolumeRef v = (org.virtlayer.spi.VolumeRef) args[0];
                        content.put(v.name(), ((java.io.InputStream) args[1]).readAllBytes());
                        return null;
                    }
                    if (method.getName().equals("downloadVolume")) {
                        org.virtlayer.spi.VolumeRef v = (org.virtlayer.spi.VolumeRef) args[0];
                        ((java.io.OutputStream) args[1]).write(content.getOrDefault(v.name(), new byte[0]));
                        return null;
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
