/* The declarations of GraalVM 25.0.2's substratevm/src/com.oracle.svm.native.libchelper/include/svm_locale.h, the
   header GraalVM's libchelper (svm_initialize_locale, svm_get_locale) is compiled with: the result constants' values
   and the struct's field order. Read from oracle/graal; native-probe's corrected include/svm_locale.h agrees.
   BuilderHeadersTest checks the header BuilderSetup generates against it. */
const int SVM_LOCALE_INITIALIZATION_USE_DEFAULT = 0;
const int SVM_LOCALE_INITIALIZATION_SUCCEEDED = 1;
const int SVM_LOCALE_INITIALIZATION_OUT_OF_MEMORY = 2;

typedef struct {
    char *format_language;
    char *format_script;
    char *format_country;
    char *format_variant;
    char *display_language;
    char *display_script;
    char *display_country;
    char *display_variant;
} svm_locale_props_t;
