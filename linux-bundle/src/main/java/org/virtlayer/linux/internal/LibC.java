package org.virtlayer.linux.internal;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import com.sun.jna.ptr.IntByReference;

/**
 * The C library functions virtlayer calls through JNA, as glibc declares them. Only {@link org.virtlayer.linux}
 * calls these; callers elsewhere use its typed, errno-checked methods. Variadic functions ({@code syscall},
 * {@code prctl}, {@code fcntl}, {@code open}, {@code ioctl}) are declared variadic so that JNA calls them correctly.
 */
public interface LibC extends Library {
    LibC INSTANCE = Native.load("c", LibC.class);

    long syscall(long number, Object... args);

    int kill(int pid, int signal);

    int close(int fd);

    int poll(Pointer fds, long nfds, int timeoutMillis);

    int epoll_create1(int flags);

    int epoll_ctl(int epfd, int op, int fd, Pointer event);

    int epoll_wait(int epfd, Pointer events, int maxEvents, int timeoutMillis);

    int eventfd(int initialValue, int flags);

    long read(int fd, Pointer buffer, long count);

    long write(int fd, Pointer buffer, long count);

    int prctl(int option, Object... args);

    int waitid(int idType, int id, Pointer info, int options);

    int fcntl(int fd, int command, Object... args);

    int open(String path, int flags, Object... mode);

    long lseek(int fd, long offset, int whence);

    int socket(int domain, int type, int protocol);

    int bind(int fd, Pointer address, int length);

    int listen(int fd, int backlog);

    int connect(int fd, Pointer address, int length);

    long sendmsg(int fd, Pointer message, int flags);

    int ioctl(int fd, long request, Object... args);

    int setns(int fd, int nsType);

    int unlink(String path);

    int pipe2(int[] fds, int flags);

    // pseudo-terminals

    int posix_openpt(int flags);

    int grantpt(int fd);

    int unlockpt(int fd);

    int ptsname_r(int fd, byte[] buffer, long length);

    int tcgetattr(int fd, Pointer termios);

    int tcsetattr(int fd, int optionalActions, Pointer termios);

    // posix_spawn: the child is made with vfork semantics, safe from a JVM with many threads

    int posix_spawn(IntByReference pid, String path, Pointer fileActions, Pointer attributes, StringArray argv,
            StringArray envp);

    int posix_spawnattr_init(Pointer attributes);

    int posix_spawnattr_destroy(Pointer attributes);

    int posix_spawnattr_setflags(Pointer attributes, short flags);

    int posix_spawnattr_setsigmask(Pointer attributes, Pointer sigset);

    int posix_spawnattr_setsigdefault(Pointer attributes, Pointer sigset);

    int posix_spawn_file_actions_init(Pointer actions);

    int posix_spawn_file_actions_destroy(Pointer actions);

    int posix_spawn_file_actions_addopen(Pointer actions, int fd, String path, int flags, int mode);

    int posix_spawn_file_actions_adddup2(Pointer actions, int fd, int newFd);

    int posix_spawn_file_actions_addclosefrom_np(Pointer actions, int from);

    int posix_spawn_file_actions_addchdir_np(Pointer actions, String path);

    int sigemptyset(Pointer set);

    int sigfillset(Pointer set);

    int sigdelset(Pointer set, int signal);

    String strerror(int errno);
}
