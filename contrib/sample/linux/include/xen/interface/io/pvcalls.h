/*
 * pvbot sample: the parts of this file that the pvcalls v2 series of
 * contrib/sample/xen-devel.mbox changes, as they were before it, for the
 * demo's git am (contrib/demo.sh).  Fictional, like the series.
 */

/* ... */

};
DEFINE_XEN_FLEX_RING(pvcalls);

#define PVCALLS_SOCKET         0
#define PVCALLS_CONNECT        1
#define PVCALLS_RELEASE        2
