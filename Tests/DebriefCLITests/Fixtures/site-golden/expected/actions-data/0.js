(window.DEBRIEF_ACTION_SHARDS = window.DEBRIEF_ACTION_SHARDS || [])[0] = [
["INC-100/PA-2","Alert on AAAA answer ratio",0,75,0,"2026-04-01",2,[0],"NET-8"],
["INC-100/PA-3","Document the rollback",1,0,2,"2026-09-01",2,[1],"NET-9"],
["INC-100/PA-1","Canary resolver upgrades on one zone first",2,0,1,"2026-03-01",2,[0],"NET-7","https://tracker.example.com/NET-7"],
["INC-101/PA-1","Warm the cache before switching traffic",3,0,3,"2026-06-01",1]
];
