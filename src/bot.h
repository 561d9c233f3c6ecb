/*
 * What every part of a run shares: the configuration, where it came from,
 * and the store.  main() fills it; the commands and the daemon use it.
 */
#ifndef BOT_H
#define BOT_H

struct config;
struct store;

struct pvbot {
	struct config	*cf;		/* NULL with CMD_CONFIG_SELF */
	const char	*cf_path;	/* the config file, NULL: built-in */
	const char	*db_path;
	struct store	*store;
	const char	*argv0;
};

#endif
