window.DEBRIEF_SEARCH = [
{"t":"Queue backlog (draft)","u":"postmortems/2026-08-20-draft-queue.html","d":"2026-08-20","s":"SEV4","l":"4","e":"Still being written.","x":"INC-102"},
{"t":"Cache stampede after deploy","u":"postmortems/2026-05-03-cache-stampede.html","d":"2026-05-03","s":"SEV3","l":"3","e":"A deploy flushed the product cache and the database saw ten times its usual load.","x":"INC-101 checkout cache dee"},
{"t":"DNS resolution failures after resolver upgrade","u":"postmortems/2026-02-10-dns-outage.html","d":"2026-02-10","s":"SEV1","l":"1","e":"The resolver fleet was upgraded and dropped every AAAA answer, so checkout could not reach the payment gateway for 52 minutes. See the failover SOP.","x":"INC-100 dns checkout network upgrade ana ben cleo"},
{"t":"DNS Failover","u":"sops/network/dns-failover.html","d":"2026-01-15","s":"","k":"sop","e":"Moves resolution to the secondary resolver pool.","x":"network/dns-failover network-team"},
{"t":"Rolling back a deploy","u":"sops/rollback.html","d":"","s":"","k":"sop","e":"Use the deploy tool's rollback command.","x":"rollback"}
];
