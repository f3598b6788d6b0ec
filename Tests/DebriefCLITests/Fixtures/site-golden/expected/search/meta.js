debriefSearch.meta({"version":1,"documents":5,"postmortems":3,"sops":2,"shards":["0"]});
