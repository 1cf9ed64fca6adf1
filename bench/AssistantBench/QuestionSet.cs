namespace AssistantBench;

/// <summary>Shopper questions for the sample catalogs, each with the handles that count as a right answer.</summary>
public static class QuestionSet
{
    public static readonly (string Question, string[] Expected)[] Items =
    [
        ("do you have a blue shirt?", ["ocean-blue-shirt"]),
        ("what earrings do you have", ["boho-earrings", "galaxy-earrings", "looped-earrings", "guardian-angel-earrings"]),
        ("gifts under $30", ["boho-earrings", "choker-with-bead", "choker-with-gold-pendant", "dreamcatcher-pendant-necklace", "gemstone", "guardian-angel-earrings", "silver-threader-necklace", "white-cotton-shirt", "black-leather-bag", "clay-plant-pot", "white-bed-clothes", "brown-throw-pillows", "white-ceramic-pot", "gardening-hand-trowel", "biodegradable-cardboard-pots", "grey-sofa", "wooden-outdoor-slats", "knitted-throw-pillows", "vanilla-candle"]),
        ("leather jacket", ["classic-leather-jacket"]),
        ("a warm winter jacket", ["dark-winter-jacket"]),
        ("yellow jumper", ["yellow-wool-jumper"]),
        ("silk blouse for women", ["striped-silk-blouse"]),
        ("red shirt for men", ["chequered-red-shirt"]),
        ("black bag", ["black-leather-bag"]),
        ("led shoes", ["led-high-tops"]),
        ("tuxedo", ["blue-silk-tuxedo"]),
        ("gold necklace", ["dainty-gold-neclace", "gold-bird-necklace", "pretty-gold-necklace", "choker-with-gold-pendant", "stylish-summer-neclace"]),
        ("silver earrings", ["boho-earrings", "galaxy-earrings", "guardian-angel-earrings", "looped-earrings"]),
        ("turquoise jewelry", ["boho-earrings", "dreamcatcher-pendant-necklace", "gemstone", "pretty-gold-necklace", "stylish-summer-neclace"]),
        ("bracelet under 45", ["chain-bracelet", "bangle-bracelet", "bangle-bracelet-with-feathers"]),
        ("a choker", ["choker-with-bead", "choker-with-gold-pendant", "choker-with-triangle"]),
        ("elephant earrings", ["looped-earrings"]),
        ("moon bracelet", ["moon-charm-bracelet"]),
        ("pendant necklace", ["dreamcatcher-pendant-necklace", "choker-with-gold-pendant", "dainty-gold-neclace"]),
        ("sofa", ["cream-sofa", "grey-sofa", "yellow-sofa"]),
        ("cheap sofa under $100", ["grey-sofa", "yellow-sofa"]),
        ("plant pots", ["clay-plant-pot", "white-ceramic-pot", "biodegradable-cardboard-pots"]),
        ("something for the garden", ["wooden-outdoor-table", "wooden-outdoor-slats", "wooden-fence", "biodegradable-cardboard-pots", "yellow-watering-can", "gardening-hand-trowel"]),
        ("watering can", ["yellow-watering-can"]),
        ("throw pillows", ["brown-throw-pillows", "knitted-throw-pillows"]),
        ("scented candle", ["vanilla-candle"]),
        ("bedroom furniture", ["antique-drawers", "bedside-table", "copper-light"]),
        ("outdoor table", ["wooden-outdoor-table"]),
        ("bean bag", ["black-bean-bag"]),
        ("lamp for the bedroom", ["copper-light"]),
    ];
}
