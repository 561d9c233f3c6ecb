/* The stages a database starts from (see store-stages.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "consensus.h"
#include "datetime.h"
#include "protocols.h"
#include "store-events.h"
#include "store-stages.h"
#include "store.h"
#include "xmalloc.h"

/* Whether the protocol's stage was ever recorded, by anyone. */
static int
store_stages_known(struct store *s, const char *name)
{
	sqlite3_stmt	*st;
	int		 known = 1;

	if (sqlite3_prepare_v2(store_db(s), "SELECT EXISTS (SELECT 1 FROM"
	    " protocol_history WHERE name = ?1) OR EXISTS (SELECT 1 FROM"
	    " protocol_stages WHERE name = ?1)", -1, &st, NULL) != SQLITE_OK)
		return (1);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		known = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return (known);
}

/*
 * The stage and its history row, as a promotion records them but with no
 * event: where a protocol started is no news for the feed or the mails.
 */
static int
store_stages_record(struct store *s, const struct protocol *p, time_t at,
    const char *reason)
{
	static const char *sql[] = {
		"INSERT INTO protocol_stages (name, stage, since, by_email,"
		" reason) VALUES (?1, ?2, ?3, 'SUPPORT.md', ?4)",
		"INSERT INTO protocol_history (name, stage, at, by_email,"
		" reason) VALUES (?1, ?2, ?3, 'SUPPORT.md', ?4)"
	};
	sqlite3_stmt	*st;
	size_t		 i;
	int		 rc;

	for (i = 0; i < sizeof sql / sizeof sql[0]; i++) {
		if (sqlite3_prepare_v2(store_db(s), sql[i], -1, &st, NULL) !=
		    SQLITE_OK)
			return (-1);
		sqlite3_bind_text(st, 1, p->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, p->stage, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)at);
		sqlite3_bind_text(st, 4, reason, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return (-1);
	}
	return (0);
}

int
store_stages_seed(struct store *s, const struct protocols *ps, char **cause)
{
	const struct protocol	*p;
	time_t			 at = protocols_stages_date(ps);
	char			 date[32], *reason;
	size_t			 i;
	int			 n = 0;

	datetime_format_iso(at, date, sizeof date);
	date[10] = '\0';
	reason = xasprintf("the stage Xen's SUPPORT.md gave on %s (shipped "
	    "in protocols.conf)", date);
	for (i = 0; i < protocols_count(ps); i++) {
		p = protocols_get(ps, i);
		if (p->stage == NULL || store_stages_known(s, p->name))
			continue;
		if (n++ == 0)
			store_begin(s);
		if (store_stages_record(s, p, at, reason) != 0) {
			*cause = xasprintf("database: %s",
			    sqlite3_errmsg(store_db(s)));
			store_rollback(s);
			free(reason);
			return (-1);
		}
	}
	free(reason);
	if (n > 0 && store_commit(s, cause) != 0)
		return (-1);
	return (n);
}

int
store_stages_skips(struct store *s, const char *name, const char *stage)
{
	char	*cur = store_events_stage(s, name);
	int	 skips;

	/* No stage recorded is design. */
	skips = strcmp(stage, CONSENSUS_STAGE_PRODUCTION) == 0 &&
	    (cur == NULL || strcmp(cur, CONSENSUS_STAGE_DESIGN) == 0);
	free(cur);
	return (skips);
}
