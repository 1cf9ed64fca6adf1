using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Utilities;

namespace SalesBot.Sandbox.Shopify.GraphQL;

/// <summary>Typed sugar over <see cref="SchemaBuilder"/> field resolvers: one line per schema field.</summary>
internal sealed class ResolverMap<TSource>(SchemaBuilder builder, string typeName)
{
    public ResolverMap<TSource> Field(string name, Func<TSource, object?> resolve)
    {
        builder.Types.For(typeName).FieldFor(name).Resolver = new FuncFieldResolver<object?>(c => resolve((TSource)c.Source!));
        return this;
    }

    public ResolverMap<TSource> Field(string name, Func<TSource, IResolveFieldContext, object?> resolve)
    {
        builder.Types.For(typeName).FieldFor(name).Resolver = new FuncFieldResolver<object?>(c => resolve((TSource)c.Source!, c));
        return this;
    }
}
