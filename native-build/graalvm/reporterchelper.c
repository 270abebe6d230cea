/* The two JNI functions of GraalVM's libreporterchelper (com.oracle.svm.hosted.ProgressReporterCHelper), which a
 * GraalVM distribution ships in lib/svm/builder/lib and Maven Central does not: the terminal's width for the build
 * log and the builder's peak RSS for its summary. Built by native-build/analyse with gcc. */
#include <jni.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <unistd.h>

JNIEXPORT jint JNICALL
Java_com_oracle_svm_hosted_ProgressReporterCHelper_getTerminalWindowColumns0(JNIEnv *env, jclass cls) {
    struct winsize size;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
        return size.ws_col;
    }
    return 80; /* not a terminal: a log file in CI */
}

JNIEXPORT jlong JNICALL
Java_com_oracle_svm_hosted_ProgressReporterCHelper_getPeakRSS0(JNIEnv *env, jclass cls) {
    struct rusage usage;
    if (getrusage(RUSAGE_SELF, &usage) == 0) {
        return (jlong) usage.ru_maxrss * 1024; /* Linux reports kilobytes */
    }
    return -1;
}
