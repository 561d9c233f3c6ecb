/*
 * pvbot sample: the parts of this file that the pvcalls v2 series of
 * contrib/sample/xen-devel.mbox changes, as they were before it, for the
 * demo's git am (contrib/demo.sh).  Fictional, like the series.
 */

/* ... */

	return false;
}

static bool pvcalls_conn_back_read(void *opaque)
{
	struct sock_mapping *map = (struct sock_mapping *)opaque;

/*
 * ...
 * (lines of the real file that the series does not
 * touch)
 * ...
 */

	array_size = XEN_FLEX_RING_SIZE(map->ring_order);
	cons = intf->in_cons;
	prod = intf->in_prod;
	error = intf->in_error;
	/* read the indexes first, then deal with the data */
	virt_mb();

	if (error)
		return false;

	size = pvcalls_queued(prod, cons, array_size);
	if (size >= array_size)
		return false;

/*
 * ...
 * (lines of the real file that the series does not
 * touch)
 * ...
 */

	return true;
}

static bool pvcalls_conn_back_write(struct sock_mapping *map)
{
	struct pvcalls_data_intf *intf = map->ring;

/*
 * ...
 * (lines of the real file that the series does not
 * touch)
 * ...
 */

	if (!pvcalls_queued(prod, cons, array_size))
		return false;

	cons = pvcalls_mask(cons, array_size);
	prod = pvcalls_mask(prod, array_size);
	if (cons < prod) {

/*
 * ...
 * (lines of the real file that the series does not
 * touch)
 * ...
 */

	fedata = dev_get_drvdata(&dev->dev);

	if (req->u.socket.domain != AF_INET ||
	    req->u.socket.type != SOCK_STREAM ||
	    (req->u.socket.protocol != IPPROTO_IP &&
	     req->u.socket.protocol != AF_INET))
		ret = -EAFNOSUPPORT;

/*
 * ...
 * (lines of the real file that the series does not
 * touch)
 * ...
 */

		goto abort_transaction;
	}

	err = xenbus_transaction_end(xbt, 0);
	if (err) {
		if (err == -EAGAIN)
