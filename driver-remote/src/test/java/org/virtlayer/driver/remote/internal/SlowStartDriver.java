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

/** The test driver, except that starting a domain waits until the test releases it: a long operation on demand. */
final class SlowStartDriver implements HypervisorDriver {
    final CountDownLatch startEntered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private final TestDriver test = new TestDriver();

    @Override
    public HypervisorConnection open(OpenRequest request, DriverContext context) {
        HypervisorConnection real = test.open(request, context);
        return (HypervisorConnection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HypervisorConnection.class}, (proxy, method, args) -> {
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
}
