namespace SalesBot.Sandbox.Shopify.Catalog;

/// <summary>The kinds the demo store sells, each with options, words and prices that belong to it.</summary>
public static class ProductKinds
{
    private static OptionValue C(string name, string hex) => new(name, hex);

    private static readonly OptionAxis ApparelSizes = new("Size", [new("XS"), new("S"), new("M"), new("L"), new("XL"), new("XXL", Surcharge: 4m)]);

    /// <summary>EU shoe sizes; the large sneakers (paging and bulk tests) walk all of them in every colour and width.</summary>
    private static readonly OptionAxis ShoeSizes = new("Size", [.. Enumerable.Range(36, 12).Select(n => new OptionValue($"EU {n}"))]);

    public static readonly ProductKind Shirt = new("shirt", "Shirts",
        [new("Size", [new("S"), new("M"), new("L"), new("XL"), new("XXL", Surcharge: 3m)]),
         new("Color", [C("White", "f5f3ee"), C("Navy", "1f2f4f"), C("Olive", "6b6b3a"), C("Sky Blue", "8fb8de"), C("Black", "222222"), C("Sand", "d8c7a6")])],
        ["Linen", "Organic Cotton", "Oxford", "Chambray", "Flannel", "Pima Cotton"],
        [new("Camp Shirt", "casual"), new("Button-Down", "classic"), new("Tee", "casual"), new("Henley", "casual"), new("Polo", "classic"), new("Overshirt", "workwear")],
        ["men", "women", "unisex"], 28m, 68m, ["Harbor & Pine", "Northbound Supply"], [],
        "A {material} {model} cut for an easy fit, pre-washed so it stays soft and keeps its shape.");

    public static readonly ProductKind Hoodie = new("hoodie", "Hoodies",
        [ApparelSizes,
         new("Color", [C("Heather Grey", "9a9a9a"), C("Black", "222222"), C("Forest Green", "2f4f3a"), C("Navy", "1f2f4f"), C("Oatmeal", "d9ccb4")])],
        ["Fleece", "French Terry", "Organic Cotton", "Merino", "Recycled Cotton"],
        [new("Hoodie", "casual"), new("Zip Hoodie", "casual"), new("Pullover", "casual"), new("Crewneck", "classic"), new("Quarter-Zip", "outdoor")],
        ["unisex", "men", "women", "kids"], 48m, 95m, ["Harbor & Pine", "Campfire Goods"], [],
        "A {material} {model} with a brushed inside, ribbed cuffs and room for layering.");

    public static readonly ProductKind Jacket = new("jacket", "Jackets",
        [new("Size", [new("S"), new("M"), new("L"), new("XL")]),
         new("Color", [C("Black", "222222"), C("Olive", "5d6132"), C("Navy", "1f2f4f"), C("Tan", "b08a5a"), C("Rust", "a24f2a")])],
        ["Waxed Cotton", "Denim", "Wool", "Ripstop", "Corduroy", "Quilted"],
        [new("Jacket", "outdoor"), new("Chore Coat", "workwear"), new("Field Jacket", "outdoor"), new("Bomber", "street"), new("Rain Shell", "outdoor")],
        ["men", "women", "unisex"], 110m, 260m, ["Northbound Supply", "Fjellrev Outfitters"], [],
        "A {material} {model} built for wind and drizzle, with deep pockets and a collar that stands up.");

    public static readonly ProductKind Sneaker = new("sneaker", "Sneakers",
        [ShoeSizes,
         new("Color", [C("White", "f5f3ee"), C("Black", "222222"), C("Grey", "8c8c8c"), C("Navy", "1f2f4f"), C("Red", "b3312c"), C("Sand", "d8c7a6"),
                       C("Olive", "6b6b3a"), C("Teal", "1f7a7a"), C("Pink", "e6a1b4"), C("Blue", "2f5fb3"), C("Green", "3f7f4f"), C("Cream", "efe6cf"), C("Gold", "c9a23f")]),
         OptionAxis.Plain("Width", "Regular", "Wide") with { OnlyWhenNeeded = true }],
        ["Canvas", "Suede", "Leather", "Knit", "Recycled Mesh"],
        [new("Sneaker", "casual"), new("Runner", "sport"), new("Court Sneaker", "classic"), new("High-Top", "street"), new("Trail Runner", "outdoor")],
        ["men", "women", "unisex"], 75m, 165m, ["Stride Lab", "Fjellrev Outfitters"], [],
        "A {material} {model} on a cushioned rubber sole, true to size in EU sizing.");

    public static readonly ProductKind Mug = new("mug", "Mugs",
        [new("Color", [C("White", "f5f3ee"), C("Black", "2a2a2a"), C("Sage", "9caf88"), C("Terracotta", "c46a43"), C("Speckled Blue", "5b7fa6"), C("Oat", "e3d5b8")])],
        ["Stoneware", "Porcelain", "Ceramic", "Enamel", "Glazed Clay"],
        [new("Mug", "everyday"), new("Latte Mug", "everyday"), new("Camp Mug", "outdoor"), new("Espresso Cup", "minimal"), new("Tumbler", "minimal")],
        [], 14m, 32m, ["Kiln & Co.", "Hearthware"], [],
        "A {material} {model}, dishwasher and microwave safe, that keeps coffee warm through the first emails.");

    public static readonly ProductKind Candle = new("candle", "Candles",
        [new("Scent", [C("Cedar & Sage", "8a9a6b"), C("Fig", "7a4a6b"), C("Sea Salt", "a9c6cf"), C("Lavender", "b9a6d3"), C("Amber", "d08a3a"), C("Vanilla Bean", "efe2c4")]),
         new("Size", [new("8 oz"), new("12 oz", Surcharge: 10m)])],
        ["Soy Wax", "Coconut Wax", "Beeswax", "Rapeseed Wax", "Clay Vessel"],
        [new("Candle", "cozy"), new("Jar Candle", "cozy"), new("Travel Candle", "minimal"), new("Pillar Candle", "classic"), new("Tin Candle", "minimal")],
        [], 18m, 42m, ["Hearthware", "Slow Hours"], [],
        "A hand-poured {material} {model} with a cotton wick and about forty hours of clean burn.");

    public static readonly ProductKind Backpack = new("backpack", "Backpacks",
        [new("Color", [C("Black", "222222"), C("Olive", "5d6132"), C("Navy", "1f2f4f"), C("Sand", "cbb894"), C("Rust", "a24f2a"), C("Slate", "5a6670")])],
        ["Canvas", "Waxed Canvas", "Recycled Nylon", "Cordura", "Leather-Trim"],
        [new("Backpack", "everyday"), new("Daypack", "outdoor"), new("Rolltop Pack", "outdoor"), new("Commuter Pack", "minimal"), new("Laptop Backpack", "work")],
        [], 58m, 149m, ["Northbound Supply", "Stride Lab"], [],
        "A {material} {model} with a padded laptop sleeve, a water bottle pocket and straps that stay put.");

    public static readonly ProductKind Lamp = new("lamp", "Lamps",
        [new("Finish", [C("Brass", "b8913f"), C("Matte Black", "2a2a2a"), C("White", "f0eeea"), C("Walnut", "6b4a32"), C("Chrome", "b8bcc2")])],
        ["Ceramic", "Oak", "Steel", "Rattan", "Linen Shade", "Glass"],
        [new("Table Lamp", "minimal"), new("Desk Lamp", "work"), new("Floor Lamp", "classic"), new("Pendant Light", "modern"), new("Reading Lamp", "classic")],
        [], 45m, 189m, ["Lumen House", "Kiln & Co."], [],
        "A {material} {model} with warm, dimmable light; takes a standard E26 bulb.");

    public static readonly ProductKind Notebook = new("notebook", "Notebooks",
        [OptionAxis.Plain("Ruling", "Lined", "Dotted", "Grid", "Blank"),
         new("Format", [new("A5"), new("A6 Pocket", Surcharge: -3m)])],
        ["Linen Cover", "Recycled Paper", "Leather", "Kraft", "Cloth-Bound"],
        [new("Notebook", "minimal"), new("Journal", "classic"), new("Sketchbook", "creative"), new("Planner", "work"), new("Field Notes", "outdoor")],
        [], 9m, 28m, ["Paper Trail", "Slow Hours"], ["2f4f3a", "8a3b2e", "1f2f4f", "c9a23f", "3a3a3a", "a9c6cf"],
        "A {material} {model} with 160 pages of fountain-pen-friendly paper and a lay-flat binding.");

    public static readonly ProductKind Bracelet = new("bracelet", "Bracelets",
        [new("Metal", [C("Sterling Silver", "c0c4c8"), C("Gold Vermeil", "d4af37"), C("Rose Gold", "d8a08a")]),
         OptionAxis.Plain("Length", "S/M", "M/L")],
        ["Beaded", "Chain", "Braided Leather", "Cuff", "Link"],
        [new("Bracelet", "minimal"), new("Bangle", "classic"), new("Charm Bracelet", "boho"), new("Tennis Bracelet", "classic"), new("Wrap Bracelet", "boho")],
        [], 25m, 120m, ["Meridian Jewelry", "Little Gems"], [],
        "A {material} {model}, nickel-free and gift-boxed, with an adjustable clasp.");

    public static readonly ProductKind Planter = new("planter", "Planters",
        [new("Size", [new("Small"), new("Medium", Surcharge: 12m), new("Large", Surcharge: 25m)]),
         new("Color", [C("Terracotta", "c46a43"), C("White", "f0eeea"), C("Sage", "9caf88"), C("Charcoal", "3a3a3a")])],
        ["Terracotta", "Concrete", "Glazed Ceramic", "Fiberstone", "Woven Seagrass"],
        [new("Planter", "modern"), new("Pot", "classic"), new("Hanging Planter", "boho"), new("Plant Stand", "modern"), new("Window Box", "classic")],
        [], 18m, 65m, ["Greenhouse Goods", "Kiln & Co."], [],
        "A {material} {model} with a drainage hole and saucer, for herbs, succulents and leafy friends.");

    public static readonly ProductKind Scarf = new("scarf", "Scarves",
        [new("Color", [C("Camel", "c19a6b"), C("Charcoal", "3a3a3a"), C("Burgundy", "7a2a3a"), C("Navy", "1f2f4f"), C("Cream", "efe6cf"), C("Forest", "2f4f3a")])],
        ["Merino", "Cashmere", "Alpaca", "Lambswool", "Silk", "Cotton Gauze"],
        [new("Scarf", "classic"), new("Wrap", "classic"), new("Snood", "casual"), new("Bandana", "casual"), new("Blanket Scarf", "cozy")],
        ["unisex", "women", "men"], 30m, 98m, ["Fjellrev Outfitters", "Harbor & Pine"], [],
        "A {material} {model}, woven soft and long enough to wrap twice.");

    /// <summary>Round-robin order of the demo store's shelves.</summary>
    public static readonly IReadOnlyList<ProductKind> All = [Shirt, Mug, Backpack, Candle, Sneaker, Scarf, Lamp, Notebook, Bracelet, Planter, Hoodie, Jacket];

    /// <summary>The kind large products (hundreds of variants, for paging and bulk) are: a sneaker in every size, colour and width.</summary>
    public static ProductKind Large => Sneaker;

    /// <summary>Words in front of a title; a product line's name, as real stores name ranges.</summary>
    public static readonly IReadOnlyList<string> Lines =
    [
        "Harbor", "Alpine", "Meadow", "Coastal", "Juniper", "Cedar", "Willow", "Summit", "Canyon", "Prairie",
        "Tidal", "Birch", "Aspen", "Marlow", "Sierra", "Hollis", "Fenwick", "Ashby", "Linden", "Orchard",
        "Sable", "Brook", "Drift", "Ember", "Fjord", "Glen", "Heath", "Iona", "Kestrel", "Larch",
        "Moss", "Nova", "Oakley", "Pine", "Quarry", "Rowan", "Sorrel", "Thistle", "Vale", "Wren",
    ];

    public static ProductKind? BySlug(string slug) => All.FirstOrDefault(k => k.Slug == slug);
}
