#!/usr/bin/perl -w
# pi-import.pl NAME < MBOXRD: add every message of an mboxrd to the v2
# public-inbox NAME in one process, as public-inbox's own bulk importers
# do.  public-inbox-mda forks a Perl per message: minutes for thousands.
# Run it as the inbox's owner with PI_CONFIG set.  Prints the count added.
use strict;
use PublicInbox::Config;
use PublicInbox::MboxReader;
use PublicInbox::V2Writable;

my $name = shift or die "usage: pi-import.pl NAME < MBOXRD\n";
my $ibx = PublicInbox::Config->new->lookup_name($name) or
	die "pi-import.pl: no inbox $name\n";
$ibx->{-no_fsync} = 1;	# a test inbox: speed over durability
my $im = PublicInbox::V2Writable->new($ibx);
$im->{parallel} = 0;	# one process: the servers see each commit
my $n = 0;
PublicInbox::MboxReader->mboxrd(\*STDIN, sub { $im->add($_[0]) and $n++ });
$im->done;
print "$n\n";
