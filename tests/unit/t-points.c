/*
 * Review points and the answers to them, with the shipped rules.conf:
 * which sentences of a reply's own text set CLASSIFY_F_ASKS_CHANGE,
 * _CONCERN, _ACCEPTS, _DISPUTES and _CONDITIONAL, and which must not;
 * prose objections and approvals, and the reviews and hedges that are
 * neither.
 * Every sentence here is written for this test in the English of the
 * lists; none is taken from a corpus.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "classify.h"
#include "message.h"
#include "rules.h"
#include "series.h"
#include "tap.h"
#include "xmalloc.h"

#define AUTHOR	"Ann Author <ann@example.org>"
#define REVIEWER "Bob Reviewer <bob@example.com>"
#define RB_BOB	"\nReviewed-by: Bob Reviewer <bob@example.com>\n"

struct point_case {
	int		 flag;
	int		 author;	/* sent by the proposer */
	int		 want;		/* the flag is set */
	const char	*text;		/* the sender's own text */
};

static const struct point_case cases[] = {
	/* --- A reviewer asks for a change to this version. */
	{ CLASSIFY_F_ASKS_CHANGE, 0, 1, "Please split the rename out into "
	    "a patch of its own, it hides the functional change." },
	{ CLASSIFY_F_ASKS_CHANGE, 0, 1, "This should be unsigned int, the "
	    "ring index can never be negative." },
	{ CLASSIFY_F_ASKS_CHANGE, 0, 1, "Can you add a comment explaining "
	    "why the barrier is needed here?" },
	{ CLASSIFY_F_ASKS_CHANGE, 0, 1, "I'd prefer a helper over open "
	    "coding the same loop in three places." },
	{ CLASSIFY_F_ASKS_CHANGE, 0, 1, "The patch is fine, but it needs a "
	    "better commit message: say what breaks without it." },
	{ CLASSIFY_F_ASKS_CHANGE, 0, 1, "This wants to be a bool, not an "
	    "int." },
	{ CLASSIFY_F_ASKS_CHANGE, 0, 1, "Nit: trailing whitespace at the end "
	    "of the new line." },
	{ CLASSIFY_F_ASKS_CHANGE, 0, 1, "s/recieve/receive/ in the subject." },
	{ CLASSIFY_F_ASKS_CHANGE, 0, 1, "You need to drop the lock before "
	    "calling into the backend." },
	{ CLASSIFY_F_ASKS_CHANGE, 0, 1, "Why not just use the existing "
	    "helper for this?" },
	{ CLASSIFY_F_ASKS_CHANGE, 0, 1, "The cleanup belongs in a separate "
	    "patch." },
	{ CLASSIFY_F_ASKS_CHANGE, 0, 0, "Please find the test log attached "
	    "below; everything passes on my box." },
	{ CLASSIFY_F_ASKS_CHANGE, 0, 0, "This should be fine for the stable "
	    "trees as well, it applies cleanly." },
	{ CLASSIFY_F_ASKS_CHANGE, 0, 0, "It should be safe to call this "
	    "from interrupt context, the lock is a spinlock." },
	{ CLASSIFY_F_ASKS_CHANGE, 0, 0, "Thanks for the quick turnaround, "
	    "I ran it through my test setup over the weekend." },
	{ CLASSIFY_F_ASKS_CHANGE, 0, 0, "Please add my Acked-by when you "
	    "commit it." },

	/* --- A reviewer questions the approach or its premise. */
	{ CLASSIFY_F_CONCERN, 0, 1, "Why do we need a new hypercall for "
	    "this at all? The existing one takes a flags field." },
	{ CLASSIFY_F_CONCERN, 0, 1, "I'm not convinced that moving this "
	    "into the toolstack is an improvement." },
	{ CLASSIFY_F_CONCERN, 0, 1, "What's the point of exposing the "
	    "counter to guests when nothing reads it?" },
	{ CLASSIFY_F_CONCERN, 0, 1, "My main concern is that old frontends "
	    "will see the new field as garbage." },
	{ CLASSIFY_F_CONCERN, 0, 1, "I'm a bit worried about the extra "
	    "allocation on the hot path." },
	{ CLASSIFY_F_CONCERN, 0, 1, "Do we really need a second copy of "
	    "the grant table here?" },
	{ CLASSIFY_F_CONCERN, 0, 1, "I don't see why the backend should "
	    "care about the frontend's page size." },
	{ CLASSIFY_F_CONCERN, 0, 0, "The new field is at the end of the "
	    "structure, so old frontends are unaffected." },
	{ CLASSIFY_F_CONCERN, 0, 0, "If you're not convinced by the "
	    "numbers, I can run the benchmark again." },
	{ CLASSIFY_F_CONCERN, 0, 0, "I'm sure this is the right place for "
	    "the check." },

	/* --- The sender agrees to make a change. */
	{ CLASSIFY_F_ACCEPTS, 1, 1, "Will do." },
	{ CLASSIFY_F_ACCEPTS, 1, 1, "Agreed." },
	{ CLASSIFY_F_ACCEPTS, 1, 1, "Good point, will fix." },
	{ CLASSIFY_F_ACCEPTS, 1, 1, "Right, I'll send a v2 with the loop "
	    "turned into a helper." },
	{ CLASSIFY_F_ACCEPTS, 1, 1, "Fixed in v3, which I'm about to post." },
	{ CLASSIFY_F_ACCEPTS, 1, 1, "Sure, I will change the type to "
	    "unsigned." },
	{ CLASSIFY_F_ACCEPTS, 1, 1, "You're right, the barrier is not "
	    "enough on Arm." },
	{ CLASSIFY_F_ACCEPTS, 1, 1, "Oops, my mistake.  The check is "
	    "inverted indeed." },
	{ CLASSIFY_F_ACCEPTS, 1, 0, "Should I change the type to unsigned "
	    "then?" },
	{ CLASSIFY_F_ACCEPTS, 1, 0, "The type has been unsigned since the "
	    "first version of the protocol." },
	{ CLASSIFY_F_ACCEPTS, 1, 0, "I tested it on both x86 and Arm "
	    "before sending." },
	{ CLASSIFY_F_ACCEPTS, 1, 1, "Okay, I'll modify the comment to say "
	    "who owns the page." },
	{ CLASSIFY_F_ACCEPTS, 1, 1, "Hmm, yes, I now see the problem with "
	    "the old producer index." },
	{ CLASSIFY_F_ACCEPTS, 1, 0, "I don't see the problem: the index is "
	    "only read once." },
	{ CLASSIFY_F_ACCEPTS, 1, 0, "Did you see the problem on Arm too?" },
	{ CLASSIFY_F_ACCEPTS, 1, 1, "Sure, that makes sense." },
	/* The series' author on its next version (rules author-*). */
	{ CLASSIFY_F_ACCEPTS, 1, 1, "I dropped this patch in v7, the rest "
	    "of the series does not need it." },
	{ CLASSIFY_F_ACCEPTS, 1, 1, "Anyway the v2 of the series with the "
	    "flag negotiated is on the way." },
	{ CLASSIFY_F_ACCEPTS, 1, 1, "That will be fixed in the next "
	    "version." },
	{ CLASSIFY_F_ACCEPTS, 1, 0, "Is v2 on the way?  The merge window "
	    "opens on Monday." },

	/* --- The sender disagrees with a point. */
	{ CLASSIFY_F_DISPUTES, 1, 1, "I don't think so: the frontend never "
	    "writes to that page." },
	{ CLASSIFY_F_DISPUTES, 1, 1, "I'd rather keep the two paths "
	    "separate, they will diverge with the next feature." },
	{ CLASSIFY_F_DISPUTES, 1, 1, "That's intentional, the backend must "
	    "not see the request before the grant." },
	{ CLASSIFY_F_DISPUTES, 1, 1, "I did this on purpose to keep the "
	    "hot path free of branches." },
	{ CLASSIFY_F_DISPUTES, 1, 1, "I disagree, the toolstack is the only "
	    "place that knows the domain's limits." },
	{ CLASSIFY_F_DISPUTES, 1, 1, "No, that would break migration from "
	    "older hosts." },
	{ CLASSIFY_F_DISPUTES, 1, 0, "I think so too, let me update the "
	    "comment." },
	{ CLASSIFY_F_DISPUTES, 1, 0, "The frontend writes the page only "
	    "during setup." },
	{ CLASSIFY_F_DISPUTES, 1, 0, "Is that intentional?" },

	/* --- A tag given with conditions. */
	{ CLASSIFY_F_CONDITIONAL, 0, 1, "With that fixed:" RB_BOB },
	{ CLASSIFY_F_CONDITIONAL, 0, 1, "With those two changes:" RB_BOB },
	{ CLASSIFY_F_CONDITIONAL, 0, 1, "With the typo in the subject "
	    "corrected," RB_BOB },
	{ CLASSIFY_F_CONDITIONAL, 0, 1, "Provided that the comment is "
	    "updated as well," RB_BOB },
	{ CLASSIFY_F_CONDITIONAL, 0, 1, "Modulo the nit above," RB_BOB },
	{ CLASSIFY_F_CONDITIONAL, 0, 1, "If you fix the error path, feel free "
	    "to add my Reviewed-by." },
	{ CLASSIFY_F_CONDITIONAL, 0, 0, "With or without the rename:"
	    RB_BOB },
	{ CLASSIFY_F_CONDITIONAL, 0, 0, RB_BOB },
	/* The condition conditions nothing without a tag or approval. */
	{ CLASSIFY_F_CONDITIONAL, 0, 0, "With that fixed the crash is gone "
	    "on my machine too, but the log still shows the warning." },
};

/* Prose objections, with precision: reviews and hedges stay reviews. */
static const struct kind_case {
	const char	*kind;
	const char	*text;
} kinds[] = {
	{ CLASSIFY_OBJECTION, "I'm afraid this doesn't work: the backend "
	    "maps the page before the frontend grants it." },
	{ CLASSIFY_OBJECTION, "I continue to object to exposing the "
	    "host's physical addresses to guests." },
	{ CLASSIFY_OBJECTION, "Hmm, I don't quite like this approach: the "
	    "frontend would have to know about the toolstack's layout." },
	{ CLASSIFY_OBJECTION, "I don't think we want this in the "
	    "hypervisor at all; the toolstack can do it." },
	{ CLASSIFY_OBJECTION, "This cannot go in as it is, it breaks "
	    "every existing frontend." },
	{ CLASSIFY_OBJECTION, "This should be done differently: keep the "
	    "ring format and add a feature flag." },
	{ CLASSIFY_OBJECTION, "NAK for now, until the spec says what "
	    "happens on reconnect." },
	/* A regression or a doubt, no verdict: a concern (natural mail). */
	{ CLASSIFY_REVIEW, "This isn't going to work once the guest "
	    "migrates to a host with a different page size." },
	{ CLASSIFY_OBJECTION, "I'm not comfortable with this approach, "
	    "it hard-codes the toolstack's view of the world." },
	{ CLASSIFY_OBJECTION, "I don't think this should go in before the "
	    "protocol document describes the new state." },
	{ CLASSIFY_OBJECTION, "I'm not willing to take a second ring "
	    "format for the same device." },
	{ CLASSIFY_OBJECTION, "Sorry, but no.  The interface is frozen." },
	{ CLASSIFY_OBJECTION, "This is the wrong thing to do: the backend "
	    "must never trust the frontend's index." },
	{ CLASSIFY_OBJECTION, "I'm not overly happy with this: the "
	    "toolstack now needs to know the backend's internals." },
	{ CLASSIFY_OBJECTION, "I'm not in favour of adding yet another "
	    "boot parameter for this." },
	{ CLASSIFY_OBJECTION, "I don't think this is the way to go; a "
	    "feature flag keeps old guests working." },
	{ CLASSIFY_OBJECTION, "I don't consider this an improvement over "
	    "the current code." },
	{ CLASSIFY_OBJECTION, "We shouldn't be doing this in the "
	    "hypervisor." },
	{ CLASSIFY_OBJECTION, "Absolutely not." },
	{ CLASSIFY_OBJECTION, "As I said before, I don't think a quirk per "
	    "board (or per SoC) is a viable solution here." },
	{ CLASSIFY_OBJECTION, "Until the ABI question is settled, this "
	    "series cannot be merged." },
	{ CLASSIFY_OBJECTION, "That is not how this should be done: the "
	    "frontend owns the ring." },
	{ CLASSIFY_OBJECTION, "I don't think this patch is needed at all, "
	    "the caller already clamps the value." },
	{ CLASSIFY_REVIEW, "The lock must not be taken here, the caller "
	    "already holds it." },
	{ CLASSIFY_REVIEW, "This cannot be applied cleanly on staging, "
	    "please rebase it onto the current tree and send it again." },
	{ CLASSIFY_REVIEW, "I don't think this check is needed, the "
	    "caller validates the index already." },
	{ CLASSIFY_REVIEW, "I don't think the current code is the right "
	    "place for it, but moving it can be done later." },
	{ CLASSIFY_OBJECTION, "I think exposing the host's topology to "
	    "every guest is a bad idea." },
	{ CLASSIFY_OBJECTION, "I'd prefer if we didn't grow another "
	    "command line option for this." },
	{ CLASSIFY_REVIEW, "I think the comment is wrong: the lock is "
	    "dropped before the notification, not after it." },
	{ CLASSIFY_OBJECTION, "The approach taken here is fundamentally "
	    "flawed: the frontend cannot know the backend's page size." },
	/* A regression or a doubt, no verdict: a concern (natural mail). */
	{ CLASSIFY_REVIEW, "This patch breaks suspend and resume of PV "
	    "guests on every host I tried." },
	{ CLASSIFY_REVIEW, "The error path here is wrong, it leaks the "
	    "grant reference when the allocation fails." },
	{ CLASSIFY_REVIEW, "The offset must not be applied to the second "
	    "mapping, only to the first one, or the grant lands twice." },
	{ CLASSIFY_REVIEW, "Warnings from a static checker shouldn't be "
	    "applied mechanically; two of these changes alter behaviour." },
	{ CLASSIFY_REVIEW, "A stable interface for it is not going to "
	    "happen unless someone documents the old one first." },
	{ CLASSIFY_REVIEW, "The Fixes tag of this patch is wrong, it names "
	    "the revert instead of the commit that introduced the bug." },
	{ CLASSIFY_REVIEW, "I don't think this patch is broken, the failure "
	    "comes from the test's own setup of the event channel." },
	{ CLASSIFY_REVIEW, "I'm still trying to work out whether this patch "
	    "breaks anything on older hosts; results tomorrow." },
	{ CLASSIFY_REVIEW, "The new field is an improvement over the "
	    "magic number, thanks; the comment needs updating though." },
	{ CLASSIFY_REVIEW, "Not a NAK, but I'd prefer the flag to be "
	    "negotiated in xenstore like the others." },
	{ CLASSIFY_REVIEW, "I don't object to the idea, but the helper "
	    "needs a comment saying who holds the lock." },
	{ CLASSIFY_REVIEW, "I'm afraid I don't follow: why is the barrier "
	    "needed before the notification?" },
	{ CLASSIFY_REVIEW, "This wants to be unsigned, and the loop "
	    "below can then lose its cast." },
	{ CLASSIFY_REVIEW, "I don't think we want to add a check here, "
	    "the caller already validates the index." },
	{ CLASSIFY_REVIEW, "If this isn't going to work on Arm, the "
	    "commit message should say so." },
	/* Contractions read like the words they stand for. */
	{ CLASSIFY_OBJECTION, "That's just wrong.  The backend has to fix "
	    "up the ring itself instead of asking every frontend to." },
	{ CLASSIFY_OBJECTION, "It's completely broken: the grant is "
	    "revoked while the backend still has it mapped." },
	{ CLASSIFY_OBJECTION, "I'm not going to take this, the interface "
	    "was frozen two releases ago." },
	{ CLASSIFY_OBJECTION, "That's the wrong thing to do: the frontend "
	    "must never see the backend's page tables." },
	{ CLASSIFY_OBJECTION, "I'll NAK anything that makes the ring "
	    "format depend on the host's page size." },
	/* "That" in a reply is the quoted argument more often than the
	 * patch: doubting an alternative is no verdict on the change. */
	{ CLASSIFY_REVIEW, "Building the driver in would need the bus "
	    "driver built in too, so I don't think that's the right "
	    "solution.  Maybe an exported lookup helper works instead." },
	{ CLASSIFY_REVIEW, "I think it's a mistake to use MAY in this "
	    "sentence, the requirement is on the driver and wants a MUST." },
	/* The same verdicts with the slots the lists fill in: "still",
	 * "continue to", "I'm afraid", "remain", "Imo". */
	{ CLASSIFY_OBJECTION, "I'm afraid I still don't think we want "
	    "this; the toolstack can set the flag itself." },
	{ CLASSIFY_OBJECTION, "I'm still objecting to making the ring "
	    "size a guest-visible tunable." },
	{ CLASSIFY_OBJECTION, "I remain opposed to this, for the reasons "
	    "given on v3." },
	{ CLASSIFY_OBJECTION, "I continue to think this is the wrong "
	    "approach: the frontend should not care." },
	{ CLASSIFY_OBJECTION, "I'm afraid I'm not convinced.  Nothing in "
	    "the description says why the old scheme can't be kept." },
	{ CLASSIFY_OBJECTION, "I don't think this is something we want "
	    "in the hypervisor." },
	{ CLASSIFY_OBJECTION, "I don't think we should be exposing this "
	    "to unprivileged guests at all." },
	{ CLASSIFY_OBJECTION, "We're not going to add yet another knob "
	    "for every device model quirk." },
	{ CLASSIFY_OBJECTION, "Not going to happen.  The ABI is fixed." },
	{ CLASSIFY_OBJECTION, "There's a fundamental problem with this "
	    "approach: a guest can race the backend on reconnect." },
	{ CLASSIFY_OBJECTION, "I really dislike this.  It spreads the "
	    "toolstack's knowledge into every driver." },
	{ CLASSIFY_OBJECTION, "This patch is pointless, the only caller "
	    "already checks the flag." },
	{ CLASSIFY_OBJECTION, "No, I'm not pulling this.  Half of it is "
	    "already upstream." },
	{ CLASSIFY_OBJECTION, "I'm not happy about this, it makes every "
	    "backend pay for one frontend's bug." },
	{ CLASSIFY_OBJECTION, "I can not take patches like this, they "
	    "change the uAPI without a user." },
	{ CLASSIFY_OBJECTION, "Imo this wants doing differently: keep "
	    "the old ring and add a second one on request." },
	{ CLASSIFY_OBJECTION, "I can't see this being acceptable as long "
	    "as it leaks host addresses to the guest." },
	{ CLASSIFY_OBJECTION, "This doesn't look right to me, and let's "
	    "not add yet another hypercall for one caller." },
	{ CLASSIFY_REVIEW, "I'm not going to NAK this, but the helper "
	    "wants a comment saying who holds the lock." },
	{ CLASSIFY_REVIEW, "I don't think this is something we need to "
	    "worry about, the caller clamps the index anyway." },
	{ CLASSIFY_REVIEW, "I don't think we want to return early here, "
	    "the caller still needs the grant released." },
	{ CLASSIFY_REVIEW, "We're not going to add this without a user; "
	    "please fold it into the patch that needs it." },
	{ CLASSIFY_REVIEW, "I dislike the name, ring_sz reads like a "
	    "byte count; how about ring_order?" },
	{ CLASSIFY_REVIEW, "The first hunk seems unnecessary, the value "
	    "is already clamped by the caller." },
	{ CLASSIFY_REVIEW, "This part doesn't look right to me: the index "
	    "is read twice without a barrier." },
	{ CLASSIFY_REVIEW, "Not going to happen without a feature flag, "
	    "so please add one and negotiate it." },
	{ CLASSIFY_REVIEW, "I'm reluctant to take this without an ack from "
	    "the toolstack maintainers; let's wait for them." },
	{ CLASSIFY_OBJECTION, "The old library still writes to the pipe "
	    "after the call, so I think this patch needs to be reverted." },
	{ CLASSIFY_OBJECTION, "The commit message aside, I don't think "
	    "this is a change that should be made: the option is meant to "
	    "stay modular." },
	{ CLASSIFY_REVIEW, "Nobody calls the helper any more, so this "
	    "hunk should be dropped and the rest can stay." },
	/* Approval after a first sentence, and "fine with this patch". */
	{ CLASSIFY_ACK, "Thanks for the quick respin.  Looks good to me." },
	{ CLASSIFY_ACK, "Right, I misread the refcount check.  I'm fine "
	    "with this approach." },
	{ CLASSIFY_ACK, "The allocation cannot fail there, so I'm ok with "
	    "the patch as is." },
	{ CLASSIFY_REVIEW, "Please rename the helper.  Looks good "
	    "otherwise, but the loop wants a comment on the barrier." },
	{ CLASSIFY_REVIEW, "I'm fine with this in principle, but the "
	    "fallback should ask the toolstack for the frequency first." },
	{ CLASSIFY_REVIEW, "The first hunk is right.  Looks good to me but "
	    "the second one leaks the grant on the error path." },
	{ CLASSIFY_ACK, "I can't review the Arm side, but I'm very happy "
	    "to see this approach being taken." },
	{ CLASSIFY_REVIEW, "Very happy to see this topic raised!  A board "
	    "with every bus on it may be simpler than touching the generic "
	    "platform." },
	{ CLASSIFY_OBJECTION, "I'm afraid I still don't see the need for "
	    "this: the toolstack already knows the ring size." },
	{ CLASSIFY_REVIEW, "I'm afraid I don't see why the barrier moves "
	    "here?  The index is read after it either way." },
	/* Adjectives and adverbs in the slots: "a clear NAK", "just
	 * completely broken", "I don't like this frankly", "_not_". */
	{ CLASSIFY_OBJECTION, "I have said this on every version: this is "
	    "an absolutely clear NAK!  Grants are not refcounted." },
	{ CLASSIFY_REVIEW, "Not a clear NAK, but the grant is revoked while "
	    "the backend still maps it, which wants a comment." },
	{ CLASSIFY_OBJECTION, "That is just completely broken, ring or not.  "
	    "Frontends must never map backend pages themselves." },
	{ CLASSIFY_OBJECTION, "I don't like this frankly.  Setting the MTU "
	    "used to be synchronous and now it silently is not." },
	{ CLASSIFY_OBJECTION, "I would rather _not_ put more logic into the "
	    "timeout handler; it cannot abort anything on this transport." },
	{ CLASSIFY_OBJECTION, "I'm vehemently opposed to exposing machine "
	    "addresses to guests, whatever the interface looks like." },
	/* A regression or a doubt, no verdict: a concern (natural mail). */
	{ CLASSIFY_REVIEW, "I'm really not convinced that it's beneficial "
	    "to grow the generic ops structure for one driver." },
	{ CLASSIFY_REVIEW, "I'm not convinced this is the cause of the hang; "
	    "can you get a trace with the event channel debug keys?" },
	{ CLASSIFY_REVIEW, "I'm afraid we have to agree to disagree on the "
	    "naming; the comment needs the new field either way." },
	{ CLASSIFY_REVIEW, "I don't think there really is a good solution "
	    "to the old header's layout, so the new helper has to cope." },
	{ CLASSIFY_OBJECTION, "I'm afraid I have to object: the frontend "
	    "cannot know when the backend has unmapped the page." },
	{ CLASSIFY_OBJECTION, "So this patch definitely isn't right as it "
	    "stands, though I'm not sure yet what the right way is." },
	{ CLASSIFY_REVIEW, "The comment isn't quite right as it stands, "
	    "please say which lock protects the producer index." },
	{ CLASSIFY_ACK, "Ah, I missed the early return.  Feel free to carry "
	    "my ack along, even with minor changes." },
	{ CLASSIFY_ACK, "Sounds good, feel free to keep my Reviewed-by on "
	    "the respin." },
	/* A regression or a doubt, no verdict: a concern (natural mail). */
	{ CLASSIFY_REVIEW, "I'm not convinced this is a good move: old "
	    "frontends never learn the new ring size." },
	{ CLASSIFY_REVIEW, "I'm not sure this is a good move for the "
	    "helper; could the caller pass the size instead?" },
	{ CLASSIFY_OBJECTION, "I'm afraid I can't give this my ack, the "
	    "toolstack still writes the old key." },
	{ CLASSIFY_OBJECTION, "I'd like to ask that this not be committed "
	    "before the protocol document describes the new state." },
	{ CLASSIFY_OBJECTION, "This is not an appropriate fix for the race.  "
	    "I also don't see the point of this patch once the lock is "
	    "taken in the caller." },
	{ CLASSIFY_REVIEW, "We could compute the size in the caller, but I "
	    "really don't think that is a good idea; the helper is fine as "
	    "it is." },
	{ CLASSIFY_OBJECTION, "No, this is horrid.  It drops the lock and "
	    "takes it again on every iteration." },
	{ CLASSIFY_REVIEW, "No, this is fine: the caller holds the lock, "
	    "but a comment saying so would help the next reader." },
	/* Reviewers arguing with each other: "that" is the other's
	 * argument, "this line of thinking" no change at all. */
	{ CLASSIFY_REVIEW, "Widening what unprivileged means is another "
	    "discussion.  Currently I'm opposed to that; the patch only "
	    "needs a narrower capability." },
	{ CLASSIFY_REVIEW, "I reject this line of thinking: all software "
	    "has bugs, which is no reason to stop reducing what a guest "
	    "can reach." },
	{ CLASSIFY_OBJECTION, "I reject this patch: it exposes the host's "
	    "physical layout to every guest." },
	{ CLASSIFY_REVIEW, "The first version called this feature "
	    "unprivileged; I think that was a mistake, and the new name in "
	    "the commit message is better." },
	{ CLASSIFY_OBJECTION, "The hypercall design is wrong.  Handing "
	    "machine frame numbers to a guest is never the answer." },
	{ CLASSIFY_OBJECTION, "I still believe that the whole interface is "
	    "wrong; a second ring only hides it." },
	{ CLASSIFY_REVIEW, "The error path here looks wrong if the grant "
	    "fails; if the design is wrong the commit message should say "
	    "why it was chosen." },
	{ CLASSIFY_OBJECTION, "No, the device tree cannot go through the "
	    "filesystem tree, that's a NAK." },
	/* A NAK that ends its sentence or names what it is for, in prose;
	 * the protocol's lower-case nack is no verdict. */
	{ CLASSIFY_OBJECTION, "Sorry to NAK this again, but the ring must "
	    "keep its size for old frontends." },
	{ CLASSIFY_OBJECTION, "Making the ring larger is not worth the "
	    "memory.  Sorry, but NAK." },
	{ CLASSIFY_OBJECTION, "The old numbering is what the firmware "
	    "reports.  In short: NACK for the second driver." },
	{ CLASSIFY_REVIEW, "This is not a NAK.  Please split the rename "
	    "out, though, it hides the one line that changes what the "
	    "backend does." },
	{ CLASSIFY_REVIEW, "The device may still nack the request, so the "
	    "retry loop needs a bound." },
	{ CLASSIFY_REVIEW, "We could let the guest nack the feature flag "
	    "and carry on with the legacy layout." },
	/* "I strongly disagree" alone argues a point with whoever wrote it;
	 * disagreeing with the change itself still objects. */
	{ CLASSIFY_REVIEW, "I strongly disagree.  Every other provider is "
	    "looked up by phandle, and this one should be too." },
	{ CLASSIFY_REVIEW, "Unsurprisingly, I totally disagree: reducing "
	    "what a guest can reach is what hardening means." },
	{ CLASSIFY_OBJECTION, "I strongly disagree with this approach: the "
	    "frontend must not see the host's layout." },
	/* Contractions of "is not going to fly". */
	{ CLASSIFY_OBJECTION, "That's not going to fly, the fixups must "
	    "not run twice." },
	{ CLASSIFY_REVIEW, "Whether the old scheme was going to fly is "
	    "another question; this one is fine." },
	/* "No, please don't." refuses in a sentence of its own.  A bare
	 * "Please don't." or "No, thanks." answers one point or an offer
	 * as often as it refuses the change: those stay reviews. */
	{ CLASSIFY_OBJECTION, "No, please don't.  The interrupted checkout "
	    "leaves the tree in a mess." },
	{ CLASSIFY_OBJECTION, "The helper reads no easier than the two "
	    "checks it replaces.  No, please don't." },
	{ CLASSIFY_REVIEW, "Please don't.  If the mapping can fail here, "
	    "handle the error and carry on instead of crashing the box." },
	{ CLASSIFY_REVIEW, "No, thanks.  I only wanted to make sure the "
	    "reset path clears the shadow copy as well." },
	{ CLASSIFY_REVIEW, "Please don't use a global for the count, pass "
	    "it in the context." },
	{ CLASSIFY_REVIEW, "Please don't forget to update the comment "
	    "above the loop, it still talks about the old ring size and "
	    "the next reader will be confused by it." },
	{ CLASSIFY_REVIEW, "No, thanks for asking, but the flag is set by "
	    "the caller before the ring is mapped, so the check in the "
	    "backend can go." },
	/* "I (really) don't think we should" is a review point as often as
	 * a verdict, on mail nobody labelled. */
	{ CLASSIFY_REVIEW, "I don't think we should worry about the 32-bit "
	    "case here; nobody runs it." },
	{ CLASSIFY_REVIEW, "I really don't think we should encourage the "
	    "feeling that a maintainer failed if a checker finds a bug "
	    "later." },
	/* An ABI break called unacceptable, or one "we can't do": the
	 * change cannot go in as it is.  Asking whether it breaks the ABI,
	 * or saying the old code did, is a review. */
	{ CLASSIFY_OBJECTION, "Old unwinders pop exactly one token, so "
	    "breaking the unwind ABI is not acceptable." },
	{ CLASSIFY_OBJECTION, "Applications can see the new errno, so this "
	    "is a userspace visible ABI change which we can't really do." },
	{ CLASSIFY_REVIEW, "Would changing the ABI be acceptable here if "
	    "the old ioctl keeps working?  The commit message should say." },
	{ CLASSIFY_REVIEW, "The previous fix was an ABI change that we "
	    "could make because nothing used the flag; please say so in the "
	    "commit message." },
	{ CLASSIFY_ACK, "Looks good to me." },
	{ CLASSIFY_ACK, "LGTM, thanks for doing this." },
	{ CLASSIFY_ACK, "Fine with me." },
	{ CLASSIFY_ACK, "Please add my ack when committing." },
	{ CLASSIFY_ACK, "I'm happy to take this through my tree." },
};

static struct message *
point_message(const char *from, const char *text)
{
	struct message_env	 env = { 0, 0 };
	struct message		*m;
	char			*raw, *cause = NULL;

	raw = xasprintf("From: %s\nTo: xen-devel@lists.xenproject.org\n"
	    "Subject: Re: [PATCH v2 1/2] xen/pvcalls: rework the ring\n"
	    "Date: Mon, 2 Nov 2026 10:00:00 +0000\n"
	    "Message-ID: <p@example.org>\nIn-Reply-To: <v2-1@example.org>\n"
	    "Content-Type: text/plain; charset=utf-8\n\n"
	    "On Mon, 2 Nov 2026, Someone Else wrote:\n"
	    "> -\tint idx;\n> +\tlong idx;\n\n%s\n", from, text);
	if (message_parse(raw, strlen(raw), &env, &m, &cause) != 0) {
		printf("Bail out! message_parse: %s\n", cause);
		exit(1);
	}
	free(raw);
	return (m);
}

static const char *
point_name(int flag)
{
	switch (flag) {
	case CLASSIFY_F_ASKS_CHANGE:
		return ("asks-change");
	case CLASSIFY_F_CONCERN:
		return ("concern");
	case CLASSIFY_F_ACCEPTS:
		return ("accepts");
	case CLASSIFY_F_DISPUTES:
		return ("disputes");
	}
	return ("conditional");
}

static void
point_case(const struct rules *rules, const struct point_case *c)
{
	struct classify_context	 ctx;
	struct classify_result	 r;
	struct series_tag	 tag;
	struct message		*m;
	char			 what[256], *norm;

	m = point_message(c->author ? AUTHOR : REVIEWER, c->text);
	memset(&ctx, 0, sizeof ctx);
	ctx.reply = 1;
	ctx.reviewable = 1;
	ctx.proposer = "ann@example.org";
	ctx.proposer_name = "Ann Author";
	norm = series_parse_subject(m->subject, &tag);
	classify_message(rules, m, &tag, &ctx, &r);
	snprintf(what, sizeof what, "%s %s: %.60s", point_name(c->flag),
	    c->want ? "set" : "not set", c->text);
	if (!tap_check(((r.flags & c->flag) != 0) == c->want, __FILE__,
	    __LINE__, what))
		printf("#   flags %#x\n", r.flags);
	free(norm);
	classify_free(&r);
	message_free(m);
}

static void
kind_case(const struct rules *rules, const struct kind_case *c)
{
	struct classify_context	 ctx;
	struct classify_result	 r;
	struct series_tag	 tag;
	struct message		*m;
	char			 what[256], *norm;

	m = point_message(REVIEWER, c->text);
	memset(&ctx, 0, sizeof ctx);
	ctx.reply = 1;
	ctx.reviewable = 1;
	ctx.proposer = "ann@example.org";
	norm = series_parse_subject(m->subject, &tag);
	classify_message(rules, m, &tag, &ctx, &r);
	snprintf(what, sizeof what, "%s: %.60s", c->kind, c->text);
	tap_check_str(r.kind, c->kind, __FILE__, __LINE__, what);
	free(norm);
	classify_free(&r);
	message_free(m);
}

/* A thread with nothing to review has no points to raise or answer. */
static void
point_unreviewable(const struct rules *rules)
{
	struct classify_context	 ctx;
	struct classify_result	 r;
	struct series_tag	 tag;
	struct message		*m;
	char			*norm;

	m = point_message(AUTHOR, "Good point, will fix.");
	memset(&ctx, 0, sizeof ctx);
	ctx.reply = 1;
	ctx.proposer = "ann@example.org";
	norm = series_parse_subject(m->subject, &tag);
	classify_message(rules, m, &tag, &ctx, &r);
	tap_check((r.flags & CLASSIFY_F_ACCEPTS) == 0, __FILE__, __LINE__,
	    "no points in a thread with nothing to review");
	free(norm);
	classify_free(&r);
	message_free(m);
}

/* The points never change the kind the other rules decide. */
static void
point_kinds(const struct rules *rules)
{
	struct classify_context	 ctx;
	struct classify_result	 r;
	struct series_tag	 tag;
	struct message		*m;
	char			*norm;

	m = point_message(REVIEWER, "With that fixed:" RB_BOB);
	memset(&ctx, 0, sizeof ctx);
	ctx.reply = 1;
	ctx.reviewable = 1;
	ctx.proposer = "ann@example.org";
	norm = series_parse_subject(m->subject, &tag);
	classify_message(rules, m, &tag, &ctx, &r);
	tap_check_str(r.kind, CLASSIFY_ACK, __FILE__, __LINE__,
	    "a conditional tag is still an ack");
	tap_check((r.flags & CLASSIFY_F_GAVE_ACK) != 0, __FILE__, __LINE__,
	    "a conditional tag is still given");
	free(norm);
	classify_free(&r);
	message_free(m);
}

/*
 * Rules beyond what one PCRE2 pattern holds still load: a scan's rules
 * are joined in parts.  The shipped rules with their prose three more
 * times over find what the shipped rules find.
 */
static void
point_many_rules(const char *path)
{
	struct classify_context	 ctx;
	struct classify_result	 r;
	struct series_tag	 tag;
	struct message		*m;
	struct rules		*rules = NULL;
	struct buf		 b;
	FILE			*f;
	char			 line[4096], *cause = NULL, *norm;
	int			 copy;

	buf_init(&b);
	for (copy = 0; copy < 4; copy++) {
		if ((f = fopen(path, "r")) == NULL) {
			printf("Bail out! %s\n", path);
			exit(1);
		}
		while (fgets(line, sizeof line, f) != NULL)
			if (copy == 0 || strncmp(line, "objection ", 10) == 0 ||
			    strncmp(line, "doubt ", 6) == 0)
				buf_addstr(&b, line);
		fclose(f);
	}
	if (!tap_check(rules_parse(b.data, b.len, "many.conf", &rules,
	    &cause) == 0, __FILE__, __LINE__, "prose rules four times over "
	    "load")) {
		printf("#   %s\n", cause);
		free(cause);
		buf_release(&b);
		return;
	}
	m = point_message(REVIEWER, "I'm afraid this doesn't work: the "
	    "backend maps the page before the frontend grants it.");
	memset(&ctx, 0, sizeof ctx);
	ctx.reply = 1;
	ctx.reviewable = 1;
	norm = series_parse_subject(m->subject, &tag);
	classify_message(rules, m, &tag, &ctx, &r);
	tap_check_str(r.kind, CLASSIFY_OBJECTION, __FILE__, __LINE__,
	    "prose rules four times over: an objection");
	free(norm);
	classify_free(&r);
	message_free(m);
	rules_free(rules);
	buf_release(&b);
}

int
main(void)
{
	struct rules	*rules = NULL;
	const char	*top = getenv("TOP_SRCDIR");
	char		 path[4096], *cause = NULL;
	size_t		 i;

	if (top == NULL)
		top = ".";
	snprintf(path, sizeof path, "%s/etc/pvbot/rules.conf", top);
	if (rules_load(path, &rules, &cause) != 0) {
		printf("Bail out! %s\n", cause);
		return (1);
	}
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		point_case(rules, &cases[i]);
	point_kinds(rules);
	point_unreviewable(rules);
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		kind_case(rules, &kinds[i]);
	rules_free(rules);
	point_many_rules(path);
	return (tap_done());
}
