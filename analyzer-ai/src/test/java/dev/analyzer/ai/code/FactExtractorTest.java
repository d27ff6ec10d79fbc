package dev.analyzer.ai.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FactExtractorTest {

  static List<CodeFact> facts(SourceFile... files) {
    return FactExtractor.extract(AppSource.of(Path.of("."), List.of(files)));
  }

  static SourceFile file(String path, String text) {
    return new SourceFile(path, List.of(text.split("\n", -1)));
  }

  static List<String> routes(List<CodeFact> facts) {
    return facts.stream().filter(f -> f.kind() == CodeFact.Kind.ROUTE)
        .map(f -> f.summary().split(" ")[1] + " " + f.summary().split(" ")[2] + " @" + f.location()).toList();
  }

  @Test
  void flaskRoutesWithMethodsAndBlueprintPrefixes() {
    var f = facts(file("backend/todos.py", """
        bp = Blueprint('todos', __name__, url_prefix='/api/todos')
        @bp.route('/<int:id>', methods=['PUT', 'DELETE'])
        def change(id):
            pass
        @bp.get('')
        def index():
            pass
        """));

    assertThat(routes(f)).containsExactly("PUT /api/todos/{} @backend/todos.py:2", "DELETE /api/todos/{} @backend/todos.py:2",
        "GET /api/todos @backend/todos.py:5");
  }

  @Test
  void fastApiRouterPrefixAndPydanticFields() {
    var f = facts(file("app/main.py", """
        router = APIRouter(prefix="/api/items")
        class Item(BaseModel):
            name: str
            price: float = 0
        @router.post("/")
        async def create(item: Item):
            return item
        """));

    assertThat(routes(f)).containsExactly("POST /api/items @app/main.py:5");
    assertThat(f).filteredOn(x -> x.kind() == CodeFact.Kind.FIELD).extracting(CodeFact::summary)
        .containsExactly("field name of item type str", "field price of item type float");
  }

  @Test
  void expressRoutersMountedInTheSameOrAnotherFile() {
    var f = facts(file("server/index.js", """
        const users = require('./routes/users');
        const admin = express.Router();
        app.use('/api/users', users);
        app.use('/api/admin', admin);
        admin.get('/stats', (req, res) => res.json({}));
        app.get('/api/health', (req, res) => res.json({}));
        """), file("server/routes/users.js", """
        router.post('/', async (req, res) => {});
        router.delete('/:id', async (req, res) => {});
        """));

    assertThat(routes(f)).containsExactly("GET /api/admin/stats @server/index.js:5", "GET /api/health @server/index.js:6",
        "POST /api/users @server/routes/users.js:1", "DELETE /api/users/{} @server/routes/users.js:2");
  }

  @Test
  void reactRoutesFetchCallsFormsAndButtons() {
    var f = facts(file("frontend/src/App.jsx", """
        <Route path="/todos/:id" element={<TodoPage />} />
        const res = await fetch(`/api/todos/${id}`, {
          method: 'DELETE',
        });
        <input name="title" placeholder="Title" />
        <button onClick={save}>Save todo</button>
        """));

    assertThat(f).extracting(CodeFact::kind).contains(CodeFact.Kind.CLIENT_ROUTE, CodeFact.Kind.FETCH,
        CodeFact.Kind.FORM, CodeFact.Kind.UI);
    assertThat(f).filteredOn(x -> x.kind() == CodeFact.Kind.FETCH).first().extracting(CodeFact::summary)
        .asString().startsWith("calls DELETE /api/todos/{}");
    assertThat(f).filteredOn(x -> x.kind() == CodeFact.Kind.UI).extracting(CodeFact::summary)
        .contains("button Save todo");
  }

  @Test
  void modelsTablesAuthAndTests() {
    var f = facts(file("backend/app.py", """
        class Todo(db.Model):
            title = db.Column(db.String(80), nullable=False)
        db.execute('''CREATE TABLE IF NOT EXISTS notes (
            body TEXT NOT NULL,
            created_at TIMESTAMP
        )''')
        @jwt_required()
        def secret():
            pass
        """), file("tests/test_api.py", "def test_list_todos(client):\n    pass\n"));

    assertThat(f).filteredOn(x -> x.kind() == CodeFact.Kind.FIELD).extracting(CodeFact::summary)
        .containsExactly("field title of todo required", "column body text required", "column created at timestamp");
    assertThat(f).extracting(CodeFact::kind).contains(CodeFact.Kind.MODEL, CodeFact.Kind.AUTH, CodeFact.Kind.TEST);
  }
}
