/*
 * pvbot sample: the parts of this file that the pvcalls v2 series of
 * contrib/sample/xen-devel.mbox changes, as they were before it, for the
 * demo's git am (contrib/demo.sh).  Fictional, like the series.
 */

/* ... */

struct pvcalls_bedata {
	struct xen_pvcalls_front_ring ring;
	grant_ref_t ref;
	int irq;

	struct list_head socket_mappings;
	spinlock_t socket_lock;

/*
 * ...
 * (lines of the real file that the series does not
 * touch)
 * ...
 */

	int ret;

	/*
	 * PVCalls only supports domain AF_INET,
	 * type SOCK_STREAM and protocol 0 sockets for now.
	 *
	 * Check socket type here, AF_INET and protocol checks are done
	 * by the caller.
	 */
	if (sock->type != SOCK_STREAM)
		return -EOPNOTSUPP;

	pvcalls_enter();
	if (!pvcalls_front_dev) {
		pvcalls_exit();
		return -EACCES;
	}
	bedata = dev_get_drvdata(&pvcalls_front_dev->dev);

	map = kzalloc(sizeof(*map), GFP_KERNEL);
	if (map == NULL) {

/*
 * ...
 * (lines of the real file that the series does not
 * touch)
 * ...
 */

	return len;
}

int pvcalls_front_sendmsg(struct socket *sock, struct msghdr *msg,
			  size_t len)
{

/*
 * ...
 * (lines of the real file that the series does not
 * touch)
 * ...
 */

	bedata = kzalloc(sizeof(struct pvcalls_bedata), GFP_KERNEL);
	if (!bedata)
		return -ENOMEM;

	dev_set_drvdata(&dev->dev, NULL);
	pvcalls_front_dev = dev;
