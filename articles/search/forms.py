from django import forms

from articles.models import Article, Category


class SearchForm(forms.Form):
    """The search page's parameters. A query is never refused: it is cleaned and capped."""

    q = forms.CharField(required=False, label="Search essays")
    section = forms.ChoiceField(required=False, label="Section")
    year = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, label="Year")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A NUL byte is dropped with the rest of what databases refuse (query.clean()).
        self.fields["q"].validators = []
        sections = Category.objects.order_by("name").values_list("slug", "name")
        self.fields["section"].choices = [("", "All sections"), *sections]
        years = Article.objects.published_years()
        self.fields["year"].choices = [("", "Any year"), *((year, year) for year in years)]

    def search_arguments(self):
        """q, section and year, leaving out any that were not valid (they show an error)."""
        self.is_valid()  # fills cleaned_data with the valid fields
        data = self.cleaned_data if self.is_bound else {}
        return {
            "text": data.get("q") or "",
            "section": data.get("section") or None,
            "year": data.get("year") or None,
        }
