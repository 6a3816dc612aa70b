# ruff: noqa: RUF001  (the reader's notes quote the texts with their typographic marks)
"""Held-out search queries, written from the two texts alone by a reader who never saw the engine.
Grades: 2 = the answer, 1 = relevant. Never tune a weight, alias or rule on these.

Six queries of the reader's 99 have moved to the tuning set (tests/search_queries.py) after
the first run revealed a fix: bench/README.md gives the set's history."""

HELDOUT = [
    # (query words as the shell passes them, {item_id: grade, ...}, "why: the words in the text")
    # --- plain topic words / short phrases ---
    (["dokdo"], {"h19-flash-dokdo": 2}, "'the Dokdo islets in the Sea of Japan'"),
    (["annexation"], {"h19-flash-history": 2}, "'Japan's annexation of Korea between 1910-1945'"),
    (
        ["export", "controls"],
        {"h19-flash-trade": 2, "h19-rec-2": 2},
        "flash point 'Japan enforcing long-standing export controls on specific chemicals'; rec 'road map for export control policy'",
    ),
    (
        ["INF", "treaty"],
        {"h19-rec-3": 2},
        "'termination of the Intermediate-Range Nuclear Forces (INF) Treaty'",
    ),
    (
        ["San", "Francisco", "system"],
        {"h19-risk-2": 2},
        "'the postwar San Francisco system are anachronistic'",
    ),
    (
        ["alliance", "drift"],
        {"h19-risk-2": 2},
        "'“Alliance drift” between the US, Japan and South Korea'",
    ),
    (
        ["protectionism"],
        {"h19-risk-3": 2},
        "'rising nationalism, protectionism, and unilateralism'",
    ),
    (["Busan"], {"t21-uncertainty-2": 2}, "'Seoul and Busan’s mayoral elections in April'"),
    (
        ["democracy", "summit"],
        {"t21-element-2": 2},
        "'possibly the site of a new global democracy summit'",
    ),
    (
        ["rare", "earth"],
        {"t21-area-supplies": 2},
        "'critical technological inputs like rare earth elements'",
    ),
    (
        ["artificial", "intelligence"],
        {"t21-area-digital": 2},
        "'improvements in artificial intelligence, robotics, and information communications'",
    ),
    (
        ["climate", "change"],
        {"t21-area-climate": 2, "t21-element-3": 1},
        "'Climate change is also an area of existential risk'; element 3 lists 'climate change' among threats",
    ),
    (
        ["America", "First"],
        {"t21-uncertainty-1": 2},
        "'after four years of “America First” rhetoric'",
    ),
    (
        ["Russia"],
        {"h19-flash-threats": 2},
        "'common threats including North Korea, China, and Russia ... Chinese-Russian pressure'",
    ),
    (
        ["hudson"],
        {"h19-context-report": 2},
        "'A new report by Hudson's Asia-Pacific Security Chair Patrick Cronin'",
    ),
    (["scapegoat"], {"t21-uncertainty-2": 2}, "'temptation to use Japan as a scapegoat'"),
    (["Olympics"], {"h19-rec-4": 2}, "'threats to the 2020 Olympics'"),
    (
        ["critical", "infrastructure"],
        {"t21-area-cyber": 2},
        "'major cyberattacks targeting their critical infrastructure'",
    ),
    (
        ["Biden"],
        {"t21-uncertainty-1": 2, "t21-uncertainty-2": 1, "t21-uncertainty-3": 1},
        "'Biden’s declaration that “America is back”'; 'in the Biden era'; 'between Xi and Biden'",
    ),
    (["Pyongyang", "cyber"], {"h19-rec-4": 2}, "'Pyongyang’s cyber theft of crypto currencies'"),
    (
        ["Patrick", "Cronin"],
        {"h19-context-report": 2},
        "'Security Chair Patrick Cronin examines how the US can strengthen'",
    ),
    # --- different word forms ---
    (["boycott"], {"h19-flash-trade": 2}, "text: 'a Korean movement boycotting Japanese products'"),
    (
        ["trade", "war"],
        {"h19-risk-3": 2, "h19-flash-trade": 1},
        "text plural: 'retaliatory trade wars'; 'Tit-for-tat trade moves'",
    ),
    (
        ["sanctions"],
        {"h19-rec-2": 2, "h19-rec-5": 1},
        "text: 'sanctioned actors like North Korea'; 'illegal ship-to-ship transfers of goods at sea'",
    ),
    (
        ["pandemic"],
        {"t21-area-health": 2, "t21-element-3": 1, "t21-uncertainty-3": 1},
        "'dealt with the spread of coronavirus'; 'fast-spreading pandemics'; 'another coronavirus wave'",
    ),
    (["typhoon"], {"t21-area-climate": 2}, "text plural: 'unseasonal typhoons'"),
    (
        ["apology"],
        {"h19-flash-history": 2},
        "text plural: 'the sincerity of Japanese apologies and compensation'",
    ),
    (
        ["textbook"],
        {"h19-flash-history": 2},
        "text plural: 'characterizations by Japanese politicians and textbooks'",
    ),
    (
        ["pacifism"],
        {"t21-element-2": 2},
        "text adjective: 'Japan has remained a democratic, pacifist country'",
    ),
    (
        ["containment"],
        {"t21-context-start": 2, "t21-objective-2": 1},
        "text verb: 'perceives as a move to contain it'; 'united front against China'",
    ),
    (
        ["mayoral", "election"],
        {"t21-uncertainty-2": 2},
        "text plural: 'Seoul and Busan’s mayoral elections in April'",
    ),
    (["revanchism"], {"h19-context-gsomia": 2}, "text adjective: 'China’s revanchist ambitions'"),
    (
        ["deterrence"],
        {"h19-risk-1": 2, "t21-objective-1": 1},
        "'undermine deterrence in a crisis'; verb 'Deterring a North Korean attack'",
    ),
    (
        ["forgiveness"],
        {"h19-flash-history": 2},
        "text verb: 'doubt whether Koreans will ever forgive past wrongs'",
    ),
    (
        ["retaliation"],
        {"h19-risk-3": 2, "h19-flash-trade": 1},
        "text adjective: 'retaliatory trade wars'; 'Tit-for-tat trade moves'",
    ),
    # --- compounds spelled differently / British-American and other spelling variants ---
    (
        ["cryptocurrency"],
        {"h19-rec-4": 2},
        "text open compound: 'cyber theft of crypto currencies'",
    ),
    (
        ["roadmap"],
        {"h19-rec-2": 2},
        "text open: 'a step-by-step road map for export control policy'",
    ),
    (
        ["non-combatant", "evacuation"],
        {"h19-rec-5": 2},
        "text closed: 'possible noncombatant evacuation operations'",
    ),
    (
        ["ship to ship transfers"],
        {"h19-rec-5": 2},
        "text hyphenated: 'illegal ship-to-ship transfers of goods at sea'",
    ),
    (["middle", "power"], {"t21-element-2": 2}, "text hyphenated: 'a recognized middle-power'"),
    (
        ["rules based order"],
        {"t21-element-2": 2},
        "text hyphenated: 'the liberal rules-based order'",
    ),
    (
        ["denuclearisation"],
        {"h19-rec-3": 2},
        "British spelling; text: 'the direction of denuclearization'",
    ),
    (
        ["defence", "plan"],
        {"h19-rec-3": 2},
        "British spelling; text: 'develop a trilateral defense plan'",
    ),
    (
        ["globalisation"],
        {"t21-element-3": 2},
        "British spelling; text: 'Globalization has ushered ... the threat of cyberwarfare'",
    ),
    (
        ["scepticism"],
        {"t21-uncertainty-1": 2},
        "British spelling; text: 'in an atmosphere of skepticism'",
    ),
    (
        ["world", "health", "organisation"],
        {"t21-area-health": 2},
        "British spelling; text: 'the now-politicized World Health Organization'",
    ),
    (
        ["convener"],
        {"t21-emerging": 2},
        "variant spelling; text: 'must serve as a key convenor between Japan and South Korea'",
    ),
    (["G-7"], {"t21-element-2": 2}, "text: 'South Korea’s invitation to the upcoming G7 in June'"),
    (
        ["indopacific"],
        {"h19-context-gsomia": 2, "h19-risk-1": 1},
        "text hyphenated: 'peace and stability across the Indo-Pacific'; 'throughout the Indo-Pacific'",
    ),
    (
        ["post-war"],
        {"h19-risk-2": 2, "t21-element-2": 1},
        "text closed: 'the postwar San Francisco system'; 'Throughout the postwar era'",
    ),
    (["tit for tat"], {"h19-flash-trade": 2}, "text hyphenated: 'Tit-for-tat trade moves'"),
    # --- realistic typos (one letter off) ---
    (
        ["takeshma"],
        {"h19-flash-dokdo": 2},
        "typo of 'Takeshima': 'where they are known as Takeshima'",
    ),
    (
        ["intelligance", "sharing"],
        {"h19-context-gsomia": 2, "h19-rec-4": 1},
        "typo of 'intelligence'; 'an intelligence-sharing pact with Japan'; 'Trilateral Information Sharing Agreement'",
    ),
    (
        ["recesion"],
        {"t21-uncertainty-3": 2},
        "typo of 'recession': 'a worldwide economic recession'",
    ),
    (["protectionsm"], {"h19-risk-3": 2}, "typo of 'protectionism' (i dropped)"),
    # --- names implied but not spelled out (leaders, agreements, places, acronyms) ---
    (
        ["GSOMIA"],
        {"h19-context-gsomia": 2},
        "the Japan-ROK GSOMIA, extended 22 Nov 2019: 'South Korea extended an intelligence-sharing pact with Japan'",
    ),
    (
        ["military", "information", "agreement"],
        {"h19-context-gsomia": 2, "h19-rec-4": 1},
        "GSOMIA spelled out = 'intelligence-sharing pact with Japan'; the trilateral 'Information Sharing Agreement'",
    ),
    (["TISA"], {"h19-rec-4": 2}, "acronym of 'The 2014 Trilateral Information Sharing Agreement'"),
    (
        ["trilateral", "information", "sharing", "arrangement"],
        {"h19-rec-4": 2},
        "official name (Arrangement); text: '2014 Trilateral Information Sharing Agreement'",
    ),
    (
        ["liancourt", "rocks"],
        {"h19-flash-dokdo": 2},
        "Western name of 'the Dokdo islets ... known as Takeshima'",
    ),
    (
        ["east", "sea"],
        {"h19-flash-dokdo": 2},
        "Korean name of 'the Sea of Japan' where the Dokdo islets lie",
    ),
    (
        ["covid-19"],
        {"t21-area-health": 2, "t21-uncertainty-3": 1},
        "2021 'spread of coronavirus ... South Korea’s response'; 'another coronavirus wave'",
    ),
    (["Tokyo", "Olympics"], {"h19-rec-4": 2}, "'threats to the 2020 Olympics' (held in Tokyo)"),
    (
        ["hub and spoke"],
        {"h19-risk-2": 2},
        "the US 'hub-and-spoke' alliances = 'U.S. alliances and the postwar San Francisco system'",
    ),
    (
        ["colonial", "rule"],
        {"h19-flash-history": 2, "t21-element-2": 1},
        "'Japan’s annexation of Korea between 1910-1945'; 'not on what happened before 1945'",
    ),
    (
        ["Pusan"],
        {"t21-uncertainty-2": 2},
        "older romanisation of 'Busan': 'Seoul and Busan’s mayoral elections'",
    ),
    (
        ["summit for democracy"],
        {"t21-element-2": 2},
        "Biden's Summit for Democracy: 'a new global democracy summit'",
    ),
    (
        ["DPRK", "cyber"],
        {"h19-rec-4": 2},
        "DPRK = North Korea: 'strategic dialogue on North Korea’s cyber operations'",
    ),
    (
        ["semiconductor"],
        {"h19-flash-trade": 2, "h19-rec-2": 1},
        "2019 controls on chip materials: 'export controls on specific chemicals'; 'prevent high technologies from flowing'",
    ),
    (
        ["supply", "chain"],
        {"t21-area-supplies": 2},
        "'dependencies on foreign supplies of critical technological inputs'",
    ),
    (
        ["pentagon"],
        {"h19-rec-3": 2},
        "'The US defense secretary should ... develop a trilateral defense plan'",
    ),
    # --- multi-word queries (2-3 words) ---
    (
        ["historical", "grievances"],
        {"h19-flash-history": 2, "t21-context-trilateral": 1},
        "'Historical grievances stemming from Japan’s annexation'; 'the contemporary debate over history and identity'",
    ),
    (
        ["anti-Japanese", "sentiment"],
        {"t21-context-trilateral": 2},
        "'falls prey to the anti-Japanese sentiment shared by China and South Korea'",
    ),
    (
        ["united", "front", "China"],
        {"t21-objective-2": 2, "t21-context-start": 1},
        "'Building a united front against China remains a disputed second objective'; 'a move to contain it'",
    ),
    (
        ["presidential", "election", "2022"],
        {"t21-uncertainty-2": 2},
        "'South Korea’s presidential elections in 2022'",
    ),
    (
        ["intellectual", "property", "theft"],
        {"t21-area-supplies": 2},
        "'much to lose from thefts to their intellectual property'",
    ),
    (
        ["digital", "economy"],
        {"t21-area-digital": 2},
        "'building blocks of the emerging digital economy in Asia'",
    ),
    (
        ["health", "standards"],
        {"t21-area-health": 2},
        "'develop new health standards in parallel to the now-politicized World Health Organization'",
    ),
    (
        ["China-Japan-ROK", "trilateral"],
        {"t21-context-trilateral": 2},
        "'the China-Japan-ROK trilateral more easily falls prey'",
    ),
    (
        ["North", "Korean", "attack"],
        {"t21-objective-1": 2},
        "'Deterring a North Korean attack remains a principal shared objective'",
    ),
    (
        ["Korean", "peninsula", "security"],
        {"h19-rec-5": 2},
        "'The security of Japan and the Korean peninsula are operationally integrated'",
    ),
    (["energy", "supplies"], {"t21-area-climate": 2}, "'dependence on global energy supplies'"),
    (
        ["defense", "secretary"],
        {"h19-rec-3": 2},
        "'The US defense secretary should work with counterparts'",
    ),
    (
        ["trust", "deficit"],
        {"h19-rec-1": 2},
        "'A deficit of trust risks hollowing out the bilateral and trilateral alliances'",
    ),
    (
        ["burden", "sharing"],
        {"h19-rec-1": 2, "h19-rec-5": 1},
        "rec 1 ('Back off burden-sharing rhetoric'): 'A public browbeating of allies'; 'Tokyo’s additional security burdens'",
    ),
    (
        ["liberal", "international", "order"],
        {"t21-element-2": 2},
        "'the liberal rules-based order which the United States helped create is increasingly under pressure'",
    ),
    (
        ["divide", "and", "rule"],
        {"h19-risk-1": 2},
        "'North Korea can better implement divide-and-rule tactics'",
    ),
    (
        ["evacuation", "operations"],
        {"h19-rec-5": 2},
        "'coordinate on possible noncombatant evacuation operations'",
    ),
    # --- honest answer: nothing in these texts ---
    (["THAAD"], {}, "no missile-defence deployment in either text"),
    (["Fukushima"], {}, "no mention of Fukushima or treated water"),
    (["Taiwan"], {}, "Taiwan is never mentioned"),
    (["Quad"], {}, "only 'other trilaterals in Asia' and 'China-Japan-ROK'; no Quad"),
    (["South China Sea"], {}, "only 'Sea of Japan', 'sea levels', 'at sea'; no South China Sea"),
]
